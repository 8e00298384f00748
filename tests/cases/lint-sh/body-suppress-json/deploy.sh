#!/bin/bash
# A finding inside a curl body is placed in the script (line and column as written) in
# every format, and a suppression comment above a command whose body starts on its first
# line covers the body's lines.
# authzc:ignore AZ801 this volume alone is backed up by this policy
curl -X POST "https://iam.cloud.ibm.com/v1/policies" -d '{"type": "authorization",
    "subjects": [{"attributes": [{"name": "serviceName", "value": "is"},
      {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
      {"name": "resourceType", "value": "backup-policy"}]}],
    "roles": [{"role_id": "crn:v1:bluemix:public:iam::::role:Operator"}],
    "resources": [{"attributes": [{"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
      {"name": "serviceName", "value": "is"}, {"name": "volumeId", "value": "r006-0a1b2c3d"}]}]}'
curl -X POST "https://iam.cloud.ibm.com/v1/policies" -H "Authorization: Bearer $IAM_TOKEN" \
  -H 'Content-Type: application/json' -d '{"type": "authorization",
    "subjects": [{"attributes": [{"name": "serviceName", "value": "is"},
      {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
      {"name": "resourceType", "value": "backup-policy"}]}],
    "roles": [{"role_id": "crn:v1:bluemix:public:iam::::role:Operator"}],
    "resources": [{"attributes": [{"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
      {"name": "serviceName", "value": "is"}, {"name": "instanceId", "value": "0717_4e5f6a7b"}]}]}'
