#!/bin/bash
# Flags with a word left out, a letter dropped or an "-id" added: lint names the flag (or
# flags) meant, never one that merely looks alike (--source-resource for --source-instance).
ibmcloud iam authorization-policy-create is kms Reader --source-instance abc \
  --target-service-instance-id 11111111-2222-3333-4444-555555555555
ibmcloud iam authorization-policy-create is kms Reader \
  --source-acount 0123456789abcdef0123456789abcdef \
  --target-service-instance-id 11111111-2222-3333-4444-555555555555
ibmcloud iam authorization-policy-create is kms Reader \
  --source-account-id 0123456789abcdef0123456789abcdef \
  --target-service-instance-id 11111111-2222-3333-4444-555555555555
ibmcloud iam authorization-policy-create is kms Reader --source-service abc \
  --target-service-instance-id 11111111-2222-3333-4444-555555555555
ibmcloud iam authorization-policy-create is kms Reader --target-instance abc
# there is no target account: the policy is created in the target's account
ibmcloud iam authorization-policy-create is kms Reader \
  --target-account 0123456789abcdef0123456789abcdef
