#!/bin/bash
# IBM backup-s2s-auth: curl commands split over lines without '\'.
curl -X POST 'https://iam.cloud.ibm.com/v1/policies' 
-H 'Authorization: Bearer $TOKEN' 
-H 'Content-Type: application/json' 
-d '{"type": "authorization"}'

curl -X POST 'https://iam.cloud.ibm.com/v1/policies' -H 
'Authorization: Bearer $TOKEN' -H 
'Content-Type: application/json' -d 
'{"type": "access"}'

curl -X GET `https://enterprise.cloud.ibm.com/v1/enterprises`
-H "Authorization: Bearer $IAM_TOKEN" 
