#!/bin/bash
# IAM policy bodies in here-documents (JSON holding "role_id", as 'authzc compile -t cli'
# writes them) are linted where they stand: quoted ones, and unquoted ones without $, ` or \.
# A body the shell expands, and JSON that is not an IAM body, are passed over.
set -euo pipefail
work=$(mktemp -d)
create() {
    cat >"$work/$1.json"
    ibmcloud iam authorization-policy-create --file "$work/$1.json"
}
create volume <<'JSON'
{
  "type": "access",
  "subjects": [{"attributes": [
    {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "value": "is"},
    {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [{"role_id": "crn:v1:bluemix:public:iam::::role:Operator"}],
  "resources": [{"attributes": [
    {"name": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "operator": "stringEquals", "value": "is"},
    {"name": "volumeId", "operator": "stringEquals", "value": "*"}]}]
}
JSON
	create snapshot <<-EOF
	{
	  "type": "authorization",
	  "subjects": [{"attributes": [
	    {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
	    {"name": "serviceName", "value": "is"},
	    {"name": "resourceType", "value": "backup-policy"}]}],
	  "roles": [{"role_id": "crn:v1:bluemix:public:iam::::role:Editor"}],
	  "resources": [{"attributes": [
	    {"name": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
	    {"name": "serviceName", "operator": "stringEquals", "value": "is.snapshot"},
	    {"name": "snapshotId", "operator": "stringEquals", "value": "*"}]}]
	}
	EOF
create instance <<EOF
{"type": "authorization", "roles": [{"role_id": "$ROLE"}], "subjects": [], "resources": []}
EOF
cat <<'JSON'
{"name": "not an IAM body", "roles": ["admin"]}
JSON
jq . <<'JSON'
[{"type": "authorization", "roles": [{"role_id" "crn:v1:bluemix:public:iam::::role:Editor"}]}]
JSON
