#!/bin/bash
# "$NAME-suffix" and '$VAR' are shell pitfalls only where the text reaches IAM: other
# commands of a deployment script use "$NAME-zone1" on purpose and are passed over.
NAME=backup-demo
ibmcloud is volume-create $NAME-boot 10iops-tier $NAME-zone1 --capacity 100
ibmcloud cos bucket-create --bucket $NAME-images --region us-south
qemu-img convert -O qcow2 $NAME-disk.raw $NAME-disk.qcow2
curl -sS -X PUT "https://s3.us-south.cloud-object-storage.appdomain.cloud/$NAME-images/disk" -H 'Authorization: Bearer $COS_TOKEN'
ibmcloud is volume-create \
  $NAME-data 10iops-tier us-south-1
  --capacity 100
# these reach IAM: reported
ibmcloud iam authorization-policy-create is event-notifications "Event Source Manager" --source-resource-type backup-policy --target-service-instance-id $en-instance-ID
curl -sS "https://iam.cloud.ibm.com/v1/policies?account_id=$ACCOUNT-ID" -H 'Authorization: Bearer $IAM_TOKEN'
