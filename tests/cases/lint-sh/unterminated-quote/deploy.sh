#!/bin/bash
# A double-quoted string that runs to the end of the file; the policy before it is kept.
ibmcloud iam authorization-policy-create is is Operator --source-resource-type backup-policy --target-resource-type volume
echo "this string never ends
ibmcloud iam authorization-policy-create is is Editor --source-resource-type backup-policy --target-resource-type snapshot
