#!/bin/bash
# A here-document whose end line is indented (only <<- allows tabs, and spaces never).
cat >policy.json <<'JSON'
{"type": "authorization"}
  JSON
ibmcloud iam authorization-policy-create --file policy.json
