#!/bin/bash
# dev: one script per target account
set -euo pipefail
ibmcloud iam authorization-policy-create is is Operator --source-resource-type backup-policy --target-resource-type instance
ibmcloud iam authorization-policy-create is is Operator --source-resource-type backup-policy --target-resource-type volume
ibmcloud iam authorization-policy-create is is Editor --source-resource-type backup-policy --target-resource-type snapshot
ibmcloud iam authorization-policy-create is is Editor --source-resource-type backup-policy --target-resource-type snapshot-consistency-group
