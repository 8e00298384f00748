#!/bin/bash
# CRLF line ends: reported once; the rest is read as with LF (a continuation, a heredoc).
ibmcloud iam authorization-policy-create is event-notifications "Event Source Manager" \
  --source-resource-type backup-policy \
  --target-service-instance-id "$EN_INSTANCE_ID"
cat <<EOF
body
EOF
echo "ok"
