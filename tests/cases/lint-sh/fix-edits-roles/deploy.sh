#!/bin/bash
# The edits lint --fix would make, as byte ranges of the script: in the positional role
# list (requoted), for a flag, and in a curl body (placed in the script, not the body).
set -euo pipefail
TOKEN="$(ibmcloud iam oauth-tokens --output json | jq -r .iam_token)"
ibmcloud iam authorization-policy-create is is ShareSnapshotOperator,Editor \
  --source-account 0123456789abcdef0123456789abcdef \
  --source-resource-type backup-policy --target-resource-type share
curl -sS -X POST 'https://iam.cloud.ibm.com/v1/policies' \
  -H "Authorization: ${TOKEN}" -H 'Content-Type: application/json' \
  -d '{"type": "authorization",
  "subjects": [{"attributes": [
    {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "value": "is"},
    {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [{"role_id": "Operator"}],
  "resources": [{"attributes": [
    {"name": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "operator": "stringEquals", "value": "is"},
    {"name": "snapshotId", "operator": "stringEquals", "value": "*"}]}]}'
