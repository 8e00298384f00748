#!/bin/bash
# "$name-suffix" in ibmcloud and curl commands expands $name (IBM row 9); elsewhere the idiom
# "$prefix-volume" is common and meant, so it is not reported there.
en=my
ibmcloud iam authorization-policy-create is event-notifications "Event Source Manager" --source-resource-type backup-policy --target-service-instance-id $en-instance-ID
ibmcloud iam authorization-policy-create is event-notifications "Event Source Manager" --source-resource-type backup-policy --target-service-instance-id "${en}-instance-ID"
curl -sS "https://iam.cloud.ibm.com/v1/policies/$policy-id" -H "Authorization: $TOKEN"
echo "$prefix-volume" "$(( a-b ))" "${x:-$y-z}"
