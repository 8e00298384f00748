#!/usr/bin/env bash
# Backup for VPC: one correct positional command per target.
set -euo pipefail
ACCOUNT_ID=0123456789abcdef0123456789abcdef
EN_INSTANCE_ID="$(ibmcloud resource service-instance my-en --output json | jq -r '.[0].guid')"

ibmcloud iam authorization-policy-create is is Operator \
    --source-resource-type backup-policy \
    --target-resource-type instance
ibmcloud iam authorization-policy-create is is Operator --source-resource-type backup-policy --target-resource-type volume
ibmcloud iam authorization-policy-create is is Editor --source-resource-type=backup-policy --target-resource-type=snapshot
ibmcloud iam authorization-policy-create is is Editor --source-resource-type backup-policy --target-resource-type snapshot-consistency-group
ibmcloud iam authorization-policy-create is is "Share Snapshot Operator",Editor --source-resource-type backup-policy --target-resource-type share
ibmcloud iam authorization-policy-create is is Editor --source-service-account "$ACCOUNT_ID" --source-resource-type backup-policy --target-resource-type backup-policy
ibmcloud iam authorization-policy-create is event-notifications "Event Source Manager" --source-resource-type backup-policy --target-service-instance-id "${EN_INSTANCE_ID}"
