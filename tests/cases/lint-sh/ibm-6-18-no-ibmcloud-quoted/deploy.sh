#!/bin/bash
# ENTDOC iam-auth-template.md, with the placeholders written as variables: no here-document,
# only the missing ibmcloud (an iam command that is not an authorization one is not ours).
iam authorization-policy-assignment-create VPC_REGIONAL_REPLICATOR 1 --target-type Account --target "$ACCOUNT_ID"
iam authorization-policy-assignment-delete "$ASSIGNMENT_ID"
iam access-policies
