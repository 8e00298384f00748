#!/bin/bash
# IBM backup-s2s-auth line 968: a -d body closed with a backquote.
curl -X POST 'https://iam.cloud.ibm.com/v1/policy_templates' \
  -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' \
  -d '{
      "name": "Centralized authorization for Backup service to work with Instances",
      "policy": {"type": "authorization"}
     }`
