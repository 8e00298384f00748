#!/bin/bash
# The mutually exclusive flags of the synopsis (CLIDOC), each reported at the later flag.
ibmcloud iam authorization-policy-create is kms Reader --source-service-instance-name a --source-service-instance-id b
ibmcloud iam authorization-policy-create is kms Reader --source-service-account c --source-service-instance-name a
ibmcloud iam authorization-policy-create is kms Reader --source-resource-group-id rg --source-service-instance-id b
ibmcloud iam authorization-policy-create is kms Reader --target-service-instance-name x --target-service-instance-id y
ibmcloud iam authorization-policy-create is kms Reader --target-service-instance-id y --target-resource-group-id z
