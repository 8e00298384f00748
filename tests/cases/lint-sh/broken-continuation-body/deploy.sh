#!/bin/bash
# continuation broken before the body
curl -X POST 'https://iam.cloud.ibm.com/v1/policies' \
  -H "Authorization: Bearer $IAM_TOKEN" \
  -H 'Content-Type: application/json'
  -d '{
    "type": "access",
    "subjects": [{"attributes": [
      {"name": "serviceName", "value": "is"},
      {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
      {"name": "resourceType", "value": "backup-policy"}]}],
    "roles": [{"role_id": "crn:v1:bluemix:public:iam::::role:ShareSnapshotOperator"}],
    "resources": [{"attributes": [
      {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
      {"name": "serviceName", "value": "event-notification"},
      {"name": "serviceInstance", "value": "*"}]}]
  }'

# the line ends after -d: the body is the next line, a command of its own
curl -X POST 'https://iam.cloud.ibm.com/v1/policies' -H 'Content-Type: application/json' -d
'{"type": "access", "subjects": [{"attributes": [{"name": "serviceName", "value": "is"}, {"name": "resourceType", "value": "backup-policy"}]}], "roles": [{"role_id": "crn:v1:bluemix:public:iam::::role:Operator"}], "resources": [{"attributes": [{"name": "serviceName", "value": "is"}, {"name": "volumeId", "value": "*"}]}]}'
