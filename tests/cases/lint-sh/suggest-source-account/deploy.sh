#!/bin/bash
# The flag is --source-service-account; a left-out word is the likelier slip than a
# different word (--source-resource), so that is what lint suggests.
ibmcloud iam authorization-policy-create is kms Reader \
  --source-account 0123456789abcdef0123456789abcdef \
  --target-service-instance-id 11111111-2222-3333-4444-555555555555
