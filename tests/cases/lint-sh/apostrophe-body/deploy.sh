#!/bin/bash
# an apostrophe inside the single-quoted body
curl -X POST 'https://iam.cloud.ibm.com/v1/policies' \
  -H "Authorization: Bearer $IAM_TOKEN" \
  -H 'Content-Type: application/json' \
  -d '{
    "type": "access",
    "description": "Lets the backup service reach this account's and the child's snapshots",
    "subjects": [{"attributes": [
      {"name": "serviceName", "value": "is"},
      {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
      {"name": "resourceType", "value": "backup-policy"}]}],
    "roles": [{"role_id": "crn:v1:bluemix:public:iam::::role:ShareSnapshotOperator"}],
    "resources": [{"attributes": [
      {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
      {"name": "serviceName", "value": "is"},
      {"name": "snapshotId", "value": "*"}]}]
  }'
