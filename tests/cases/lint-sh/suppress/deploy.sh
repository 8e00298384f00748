#!/bin/bash
# Suppression comments: recorded by lint_sh.c, applied and validated by lint.c (a comment
# covers its own line and the next one).
# authzc:ignore AZ810 the CLI form is what our runbook uses
ibmcloud iam authorization-policy-create is is Operator --source-resource-type backup-policy --target-resource-type volume
ibmcloud iam authorization-policy-create is is Editor --source-resource-type backup-policy --target-resource-type snapshot # authzc:ignore AZ810 same

ibmcloud iam authorization-policy-create is is Editor --source-resource-type backup-policy --target-resource-type snapshot-consistency-group
#authzc:ignore AZ605
ibmcloud iam authorization-policy-create is is Operator --source-resource-type backup-policy --target-resource-instance x
echo '# authzc:ignore AZ810 inside a string is not a comment'
cat <<'EOF'
# authzc:ignore AZ810 nor inside a here-document
EOF
ibmcloud iam authorization-policy-create is is Operator --source-resource-type backup-policy --target-resource-type instance
