#!/bin/bash
# One apostrophe only: the quotes pair up wrongly to the end of the file.
curl -X POST 'https://iam.cloud.ibm.com/v1/policies' \
  -H "Authorization: Bearer $TOKEN" \
  -d '{"type": "authorization", "description": "the Enterprise account's backup service"}'
echo done
