#!/bin/bash
# Every flag of the authorization-policy-create synopsis (IBM-FORMATS.md 3.1), both
# '--flag value' and '--flag=value', values literal, quoted, from variables and from $(...).
# The policies are not Backup for VPC ones (other subjects), so lint_check passes them over.
ibmcloud iam authorization-policy-create is cloud-object-storage Reader,Writer \
  --source-service-instance-name my-source \
  --source-resource-group-id=rg-source \
  --source-resource-type flowlog-collector \
  --source-resource my-resource \
  --target-service-instance-name 'my target' \
  --target-resource-group-id "$RG" \
  --target-resource-type bucket \
  --target-resource "$(cat res.txt)" \
  --output JSON -q
ibmcloud iam authorization-policy-create hs-crypto kms Reader,"Key Manager" \
  --source-service-account 0123456789abcdef0123456789abcdef \
  --source-service-instance-id="$SRC" \
  --target-service-instance-id abc --quiet
