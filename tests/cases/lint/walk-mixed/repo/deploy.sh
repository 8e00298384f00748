#!/bin/sh
ibmcloud iam authorization-policy-create is is Viewer \
    --source-resource-type backup-policy --target-resource-type share
