#!/bin/bash
# ENTDOC iam-auth-template.md: commands without 'ibmcloud'.
iam  authorization-policy-template-version-update VPC_REGIONAL_REPLICATOR 1 --file /path/to/vpc-share-authorization-template-updated.json
ibmcloud iam authorization-policy-template-version-commit  VPC_REGIONAL_REPLICATOR 1
iam authorization-policy-assignment-create  VPC_REGIONAL_REPLICATOR 1  --target-type Account --target <<ACCOUNT_ID>>
iam authorization-policy-assignment <<POLICY_ASSIGNMENT_GUID>>
