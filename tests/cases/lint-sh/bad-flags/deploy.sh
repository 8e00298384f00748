#!/bin/bash
# Mistakes in authorization-policy-create: unknown and misspelled flags, missing values, a
# flag given twice, --output other than JSON, positionals with --file, missing and extra
# positionals, a misspelled subcommand; "${args[@]}" and --help are not checked. Most use a
# subject other than Backup for VPC, so lint_check passes them over.
ibmcloud iam authorization-policy-create is is Operator --source-resource-typ backup-policy --target-resource-type volume
ibmcloud iam authorization-policy-create is kms Reader --target-service-instance abc
ibmcloud iam authorization-policy-create is kms Reader --source-resource-type flowlog-collector -x
ibmcloud iam authorization-policy-create is kms Reader --file policy.json
ibmcloud iam authorization-policy-create --file policy.json --source-resource-type backup-policy
ibmcloud iam authorization-policy-create --file=policy2.json --output json
ibmcloud iam authorization-policy-create --file "$workdir/p.json"
ibmcloud iam authorization-policy-create is kms
ibmcloud iam authorization-policy-create
ibmcloud iam authorization-policy-create is kms Key Manager,Reader
ibmcloud iam authorization-policy-create is kms Reader --source-resource-type
ibmcloud iam authorization-policy-create is kms Reader --source-resource-type --target-service-instance-id abc
ibmcloud iam authorization-policy-create is kms Reader --output yaml --target-resource-type key --target-resource-type keyring
ibmcloud iam authorization-policy-craete is kms Reader
ibmcloud iam authorization-policy-create "${args[@]}"
ibmcloud iam authorization-policy-create is kms Reader --bogus "$@"
ibmcloud iam authorization-policy-create --help
ibmcloud iam authorization-policy-create is kms Reader,,"$EXTRA_ROLE",Writer -- --not-a-flag
