#!/bin/bash
# Backup for VPC authorizations created from a script: curl bodies, a here-document and
# the ibmcloud positional form, each with a mistake lint --fix repairs where it stands.
set -euo pipefail
EN_INSTANCE_ID="$(ibmcloud resource service-instance my-en --output json | jq -r '.[0].guid')"
TOKEN="$(ibmcloud iam oauth-tokens --output json | jq -r .iam_token)"

curl -sS -X POST 'https://iam.cloud.ibm.com/v1/policies' \
  -H "Authorization: ${TOKEN}" \
  -H 'Content-Type: application/json' \
  -d '{
  "type": "access",
  "subjects": [{"attributes": [
    {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "value": "is"},
    {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [{"role_id": "crn:v1:bluemix:public:iam::::role:Operator"}],
  "resources": [{"attributes": [
    {"name": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "operator": "stringEquals", "value": "is.volume"},
    {"name": "volumeId", "operator": "stringEquals", "value": "*"}]}]
}'

curl -sS -X POST 'https://iam.cloud.ibm.com/v2/policies' \
  -H "Authorization: ${TOKEN}" \
  -H 'Content-Type: application/json' \
  -d '{
  "type": "authorization",
  "subject": {"attributes": [
    {"key": "serviceName", "value": "is"},
    {"key": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"key": "resourceType", "operator": "stringEquals", "value": "backup-policy"}]},
  "control": {"grant": {"roles": [{"role_id": "crn:v1:bluemix:public:iam::::role:Editor"}]}},
  "resource": {"attributes": [
    {"key": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"key": "serviceName", "operator": "stringEquals", "value": "is"},
    {"key": "snapshotId", "operator": "stringExists", "value": "true"}]}
}'

ibmcloud iam authorization-policy-create --file /dev/stdin <<'JSON'
{
  "type": "authorization",
  "subjects": [{"attributes": [
    {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "value": "is"},
    {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [{"role_id": "crn:v1:bluemix:public:iam::::role:Editor"}],
  "resources": [{"attributes": [
    {"name": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "operator": "stringEquals", "value": "is.snapshot"},
    {"name": "snapshotConsistencyGroupId", "operator": "stringEquals", "value": "*"}]}]
}
JSON

ibmcloud iam authorization-policy-create is event-notification "Event Source Manager" --source-resource-type backup-policy --target-service-instance-id "${EN_INSTANCE_ID}"
