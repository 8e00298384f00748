#!/bin/bash
# The template and assignment commands (ENTDOC, VPCDOC).
ibmcloud iam authorization-policy-template-create --file /path/to/vpc-share-authorization-template.json
ibmcloud iam authorization-policy-template-create --file templates/backup.json --output json -q
ibmcloud iam authorization-policy-templates
ibmcloud iam authorization-policy-template-version VPC_REGIONAL_REPLICATOR 1
ibmcloud iam authorization-policy-template-version-create VPC_REGIONAL_REPLICATOR --file v2.json
ibmcloud iam authorization-policy-template-version-update VPC_REGIONAL_REPLICATOR 1 --file v1-updated.json
ibmcloud iam authorization-policy-template-version-commit VPC_REGIONAL_REPLICATOR 1
ibmcloud iam authorization-policy-template-version-delete VPC_REGIONAL_REPLICATOR 2
ibmcloud iam authorization-policy-assignment-create VPC_REGIONAL_REPLICATOR 1 --target-type Account --target 0123456789abcdef0123456789abcdef
ibmcloud iam authorization-policy-assignment-create "$TEMPLATE_ID" "$VERSION" --target-type AccountGroup --target "$GROUP_ID" -o JSON
ibmcloud iam authorization-policy-assignment 12345
ibmcloud iam authorization-policy-assignment-delete 12345 -f
ibmcloud iam authorization-policy 12fe9d62-81b1-41ee-8233-53150e38a61c --api-version v2 --output json
ibmcloud iam authorization-policies
ibmcloud iam authorization-policy-delete 12fe9d62-81b1-41ee-8233-53150e38a61c --force
