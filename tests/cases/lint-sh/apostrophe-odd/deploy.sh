#!/bin/bash
# One apostrophe in the body: to bash the quotes pair up wrongly from there on. It is
# reported, and the body and the rest of the script are still read as written.
curl -X POST "https://iam.cloud.ibm.com/v1/policies" \
  -H "Authorization: Bearer $IAM_TOKEN" \
  -H 'Content-Type: application/json' \
  -d '{
    "type": "authorization",
    "description": "Lets the backup service send this account's events",
    "subjects": [{"attributes": [
      {"name": "serviceName", "value": "is"},
      {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
      {"name": "resourceType", "value": "backup-policy"}]}],
    "roles": [{"role_id": "crn:v1:bluemix:public:event-notifications::::serviceRole:EventSourceManager"}],
    "resources": [{"attributes": [
      {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
      {"name": "serviceName", "value": "event-notification"},
      {"name": "serviceInstance", "value": "*"}]}]
  }'
ibmcloud iam authorization-policy-create is is Operator --source-resource-type backup-policy --target-resource-typ volume
