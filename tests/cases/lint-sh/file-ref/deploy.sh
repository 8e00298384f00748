#!/bin/bash
# JSON files passed with a literal --file (also --file=, and curl -d @FILE to the IAM API)
# are linted too (instance.json grants Editor where Operator is needed: its finding shows it
# was read); a --file from a variable is skipped quietly.
ibmcloud iam authorization-policy-create --file policies/snapshot.json
ibmcloud iam authorization-policy-create --file=policies/instance.json -q
ibmcloud iam authorization-policy-create --file "$workdir/generated.json"
ibmcloud iam authorization-policy-template-create --file policies/template.json
curl -X POST "https://iam.cloud.ibm.com/v1/policies" -H "Authorization: $TOKEN" -H 'Content-Type: application/json' -d @bodies/volume.json
