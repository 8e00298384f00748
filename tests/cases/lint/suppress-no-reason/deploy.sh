#!/bin/bash
# authzc:ignore AZ302
ibmcloud iam authorization-policy-create is is Editor,"Share Snapshot Operator",Manager --source-resource-type backup-policy --target-resource-type share
# authzc:ignore
ibmcloud iam authorization-policy-create is is Editor --source-resource-type backup-policy --target-resource-type backup-policy
