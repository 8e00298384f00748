#!/bin/bash
# Three volume-set authorizations written out, the fourth's target from a variable lint
# cannot read: it may be the missing snapshot-consistency-group, so no AZ404.
set -euo pipefail
ibmcloud iam authorization-policy-create is is Operator --source-resource-type backup-policy --target-resource-type instance
ibmcloud iam authorization-policy-create is is Operator --source-resource-type backup-policy --target-resource-type volume
ibmcloud iam authorization-policy-create is is Editor --source-resource-type backup-policy --target-resource-type snapshot
ibmcloud iam authorization-policy-create is is Editor --source-resource-type backup-policy --target-resource-type "$MORE_TARGET"
