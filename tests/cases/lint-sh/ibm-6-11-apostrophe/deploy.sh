#!/bin/bash
# IBM backup-s2s-auth lines 669-691: an apostrophe inside a single-quoted -d body.
curl -X POST 'https://iam.cloud.ibm.com/v1/policies' \
  -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' \
  -d '{
    "type": "authorization",
    "description": "Editor role for the Enterprise account's backup service to interact with this account's backup service.",
    "subjects": [{"attributes": [
      {"name": "serviceName", "value": "is"},
      {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
      {"name": "resourceType", "value": "backup-policy"}]}],
    "roles": [{"role_id": "crn:v1:bluemix:public:iam::::role:Editor"}],
    "resources": [{"attributes": [
      {"name": "accountId", "value": "fedcba9876543210fedcba9876543210", "operator": "stringEquals"},
      {"name": "serviceName", "value": "is", "operator": "stringEquals"},
      {"name": "backupPolicyId", "value": "*", "operator": "stringEquals"}]}]
  }'
