#!/bin/bash
# Role and flag findings lint --fix repairs in a script: the ibmcloud positional role list
# (requoted where a display name has spaces), a curl body and a here-document; and the ones
# it leaves to a person.
set -euo pipefail
EN_INSTANCE_ID="$(ibmcloud resource service-instance my-en --output json | jq -r '.[0].guid')"
TOKEN="$(ibmcloud iam oauth-tokens --output json | jq -r .iam_token)"
EXTRA_ROLE="${EXTRA_ROLE:-Editor}"

# A role ID where the list takes display names; a role in lower case; a role missing.
ibmcloud iam authorization-policy-create is is ShareSnapshotOperator,Editor \
  --source-resource-type backup-policy --target-resource-type share
ibmcloud iam authorization-policy-create is is "operator" \
  --source-resource-type backup-policy --target-resource-type volume
ibmcloud iam authorization-policy-create is is Operator \
  --source-resource-type backup-policy --target-resource-type snapshot
ibmcloud iam authorization-policy-create is is "Editor" \
  --source-resource-type backup-policy --target-resource-type share

# IBM's row 9: the role ID of Event Source Manager without hyphens; a flag with a word
# left out.
ibmcloud iam authorization-policy-create is event-notifications EventSourceManager \
  --source-resource-type backup-policy --target-service-instance-id "${EN_INSTANCE_ID}" \
  --source-account 0123456789abcdef0123456789abcdef

# IBM's row 18: an iam command without ibmcloud.
iam authorization-policy-template-version-commit backup-shares 1

# A curl body: roles in one string, a CRN in the wrong namespace.
curl -sS -X POST 'https://iam.cloud.ibm.com/v1/policies' \
  -H "Authorization: ${TOKEN}" \
  -H 'Content-Type: application/json' \
  -d '{
  "type": "authorization",
  "subjects": [{"attributes": [
    {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "value": "is"},
    {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [{"role_id": "Operator, crn:v1:bluemix:public:iam::::role:Viewer"}],
  "resources": [{"attributes": [
    {"name": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "operator": "stringEquals", "value": "is"},
    {"name": "instanceId", "operator": "stringEquals", "value": "*"}]}]
}'
curl -sS -X POST 'https://iam.cloud.ibm.com/v1/policies' \
  -H "Authorization: ${TOKEN}" \
  -H 'Content-Type: application/json' \
  -d '{
  "type": "authorization",
  "subjects": [{"attributes": [
    {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "value": "is"},
    {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [{"role_id": "crn:v1:bluemix:public:is::::serviceRole:Editor"}],
  "resources": [{"attributes": [
    {"name": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "operator": "stringEquals", "value": "is"},
    {"name": "snapshotConsistencyGroupId", "operator": "stringEquals", "value": "*"}]}]
}'

# A here-document: a display name in role_id, and the missing role added on its own line
# would need a new line inside the body, so it goes on the same line.
ibmcloud iam authorization-policy-create --file /dev/stdin <<'JSON'
{
  "type": "authorization",
  "subjects": [{"attributes": [
    {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "value": "is"},
    {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [
    {"role_id": "Operator"}
  ],
  "resources": [{"attributes": [
    {"name": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "operator": "stringEquals", "value": "is"},
    {"name": "snapshotId", "operator": "stringEquals", "value": "*"}]}]
}
JSON

# Left to a person: a role after an expansion in the same word; a display name with
# spaces after a quoted part ("Editor","Share Snapshot Operator" reads like a mistake,
# SC2140); a flag that could be --target-service-instance-id or -name; a renamed flag
# that would exclude one given.
ibmcloud iam authorization-policy-create is is "${EXTRA_ROLE}",ShareSnapshotOperator \
  --source-resource-type backup-policy --target-resource-type share
ibmcloud iam authorization-policy-create is is "Editor",ShareSnapshotOperator \
  --source-resource-type backup-policy --target-resource-type share
ibmcloud iam authorization-policy-create is event-notifications "Event Source Manager" \
  --source-resource-type backup-policy --target-resource-instance "${EN_INSTANCE_ID}"
ibmcloud iam authorization-policy-create is kms Reader \
  --source-account 0123456789abcdef0123456789abcdef --source-service-instance-name backup
