#!/bin/bash
# Continuation lines and comments: a comment inside `...` is fine; a comment line, a comment
# at the end of a line, and "\ " (a space after the backslash) each end the command.
ibmcloud iam authorization-policy-create is is Operator \
    --source-resource-type backup-policy `# a comment in a substitution expands to nothing` \
    --target-resource-type volume
ibmcloud iam authorization-policy-create is is Editor \
    # the Backup service as the source
    --source-resource-type backup-policy \
    --target-resource-type snapshot
ibmcloud iam authorization-policy-create is is Editor --source-resource-type backup-policy # comment
    --target-resource-type snapshot-consistency-group
ibmcloud iam authorization-policy-create is is Operator --source-resource-type backup-policy \ 
    --target-resource-type instance
