#!/bin/bash
# curl bodies to the IAM API are linted as JSON where they stand.
TOKEN=$(ibmcloud iam oauth-tokens --output json | jq -r .iam_token)
curl -X POST 'https://iam.cloud.ibm.com/v1/policies' \
  -H "Authorization: $TOKEN" \
  -H 'Content-Type: application/json' \
  -d '{
   "type": "access",
   "subjects": [{"attributes": [
      {"name": "serviceName", "value": "is"},
      {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
      {"name": "resourceType", "value": "backup-policy"}]}],
   "roles": [{"role_id" "crn:v1:bluemix:public:iam::::role:Operator"}],
   "resources": [{"attributes": [
      {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
      {"name": "serviceName", "value": "is.volume", "operator": "stringEquals"},
      {"name": "volumeId", "value": "*", "operator": "stringEquals"}]}]
}'
curl -X POST 'https://iam.cloud.ibm.com/v2/policies' -H 'Authorization: Bearer $TOKEN' -H 'Content-Type: application/json' -d '{
   "type": "authorization",
   "subjects": [{"attributes": [
      {"name": "serviceName", "value": "is"},
      {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
      {"name": "resourceType", "value": "backup-policy"}]}],
   "roles": [{"role_id": "crn:v1:bluemix:public:iam::::role:Editor"}],
   "resources": [{"attributes": [
      {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
      {"name": "serviceName", "value": "is", "operator": "stringEquals"},
      {"name": "snapshotId", "value": "*", "operator": "stringEquals"}]}]
}'
curl -sS -X POST "https://iam.cloud.ibm.com/v1/policies" -H "Authorization: $TOKEN" --data @volume-policy.json
