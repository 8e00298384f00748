#!/bin/bash
# Template and assignment commands with missing or extra arguments and bad values.
ibmcloud iam authorization-policy-template-create
ibmcloud iam authorization-policy-template-version-commit VPC_REGIONAL_REPLICATOR
ibmcloud iam authorization-policy-template-version-commit VPC_REGIONAL_REPLICATOR 1 2
ibmcloud iam authorization-policy-assignment-create VPC_REGIONAL_REPLICATOR 1 --target-type "Account Group" --target acct_1
ibmcloud iam authorization-policy-assignment-create VPC_REGIONAL_REPLICATOR 1 --target-type Enterprise --target 0123456789abcdef0123456789abcdef0
ibmcloud iam authorization-policy-assignment-create VPC_REGIONAL_REPLICATOR 1 --target-type account
ibmcloud iam authorization-policy-template-version-commit VPC_REGIONAL_REPLICATOR 1 --output json
