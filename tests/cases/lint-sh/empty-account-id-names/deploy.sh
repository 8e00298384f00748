#!/bin/bash
# An empty --source-service-account (AZ607) is named in words, not quoted as an empty name,
# in the companion finding (AZ404).
ibmcloud iam authorization-policy-create is is Operator --source-service-account "" \
  --source-resource-type backup-policy --target-resource-type volume
