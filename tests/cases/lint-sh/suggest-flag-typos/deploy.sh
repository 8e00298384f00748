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
# cut short, a word left out, two slips in a word: the flag meant, or each flag it may be
ibmcloud iam authorization-policy-create is kms Reader --source-typ backup-policy \
  --target-service-instance-id 11111111-2222-3333-4444-555555555555
ibmcloud iam authorization-policy-create is kms Reader --source-service-inst abc \
  --target-service-instance-id 11111111-2222-3333-4444-555555555555
ibmcloud iam authorization-policy-create is kms Reader \
  --source-acounnt 0123456789abcdef0123456789abcdef \
  --target-service-instance-id 11111111-2222-3333-4444-555555555555
ibmcloud iam authorization-policy-create is kms Reader --source-resource-t backup-policy \
  --target-service-instance-id 11111111-2222-3333-4444-555555555555
ibmcloud iam authorization-policy-create is kms Reader --target-res abc
# abbreviated words; one word of four chosen wrong
ibmcloud iam authorization-policy-create is kms Reader --src-type backup-policy \
  --source-resource-group-name default \
  --target-service-instance-id 11111111-2222-3333-4444-555555555555
# too far from any flag to guess: no suggestion, never a look-alike (--file for --iqet,
# --source-resource for --source-region)
ibmcloud iam authorization-policy-create is kms Reader --source-rg abc --iqet \
  --source-region us-south \
  --target-service-instance-id 11111111-2222-3333-4444-555555555555
