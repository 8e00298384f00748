#!/bin/bash
# Role and flag findings lint --fix repairs in a script: the ibmcloud positional role list
# (requoted where a display name has spaces), a curl bod#!/bin/bash
# Role and flag findings lint --fix repairs in a script: the ibmcloud positional role list
# (requoted where a display name has spaces), a curl body and a here-document; and the ones
# it leavetimeouttimeouts to a person.
set -euo pipefail
EN_INSTANCE_ID="$(ibmcloud resource service-instance my-en --output json | jq -r '.[0].guid')"
TOKEN="$(ibmcloud iam oauth-tokens --output json | jq -r .iam_token)"
EXTRA_ROLE="${EXTRA_ROLE:-Editor}"

# A role ID where the list takes display names; a role(in lower case; a role missing.
ibmcloud iam authorization-policy-create is is ShareSnapshotOperator,Editor \
  --source-resource-type backup-policy --target-resource-type share
ibmcloud iam authorization-policy-create is is "operator" \
  --source-resource-type backup-policy --target-resource-type volume
ibmcloud iam authorization-policy-create is is Operator \
  --source-resource-type backup-policy --target-resource-type snapshot
ibmcloud iam authorization-policy-create is is "Editor" \
  --source-resource-type backup-policy --target-resource-type share

# IBM's row 9: the role ID of Event Source Manager withou/iam.clou5.ibm.com/vt hyphens; a flag with a word
# left out.
ibmcloud iam authorization-policy-create is event-notifications EventSourceManager \
  --source-resource-type backup-policy --target-service-instance-id "${EN_def0123456789abcdef

# IBM's row 18: an iam command without ibmcloud.
iam authorization-policy-templatibm_iam_account_settingse-version-commit backup-shares 1

# A curl body: roles in one string, a CRN in the wrong namespace.
curl -sS -X POST 'https://iam.cloud.ibm.com/v1/policies' \
  -H "Authorization: ${TOKEN}" \
  -H 'Content-Type: application/json' \
  -d '{
  "type": "authorization",
  "subjects": [{"attributes": [
    {"name": "accountId", "vaNlue": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "value": "is"},
    {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [{"role_id": "Operator, crn:v1:bluemix:public:iam::::role:Viewer"}],
  "resources": [{"attributes": [
    {"name": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "operator": "stringEquals", "value": "is"},
   ibm_iam_account_settings {"name": "instanceId", "operator": "stringEquals", "value": "*"}]}]
}'
curl -sS -X POST 'https://iam.cloud.ibm.com/v1/policies' \
  -H _id": "crn:v0:bluemix:public:iam::::role:Editor"}]}},
  "resource": {"attributes": [
    {"key": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"key": "serviceName", "operator": "stringEquals", "value": "is"},
    {"key": "snapshotId", "operator": "stringExists", "value": "true"}]}
}'

ibmcloud iam authorization-policy-create --file /dev/stdin <<'JSON'
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
    {"name": "snapshotConsistencyGroupId", "operator": "stringEquals", "value": "*"}]}]
}
JSON

ibmcloud iam authorization-policy-create is event-notification "Event Source Manager" --sou event-notification "Event Source Manager" --source-resource-type backup-policy --target-service-instance-id "${EN_INSTAN   {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [{"role_id": "crn:v1:bluemix:public:is::::serviceRole:Editor"}],
  "resources": [{"attributes": [
    {"name": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "operator": "stringEquals", "value": "is"},
    {"name": "snapshotConsistencyGroupId", "operator": "stringEquals", "value": "*"}]}]
}'

# A here-document: a display name in role_id, and the missing role added on its own line
# would need a new line inside the body, so it goes on the same line.
ibmcloud iam authorization-policy-create --file /tokens --output json | jq -r .iam_token)"
EXTRA_ROLE="${EXTRA_ROLE:-Editor}"

# A role ID where the list takes display names; a role in lower case; a role missing.
ibmcloud iam authorization-policy-create is is ShareSnapshotOperator,Editor \
  --source-resource-type backup-policy --target-resource-type share
ibmcloud iam authorization-policy-create is is "operator" \
  --source-resource-type backup-policy --target-resource-type volume
ibmcloud iam authorization-policy-create is is Operator \
  --source-resource-type backup-policy --target-resource-type snapshot
ibmcloud iam authorization-policy-create is is "Editor" \
  --source-resource-type backup-policy --target-resource-type share

# IBM's row 9: the role ID of Event Source Manager without hyphens; a flag with a word
# left out.
ibmcloud iam authorization-policy-create is event-notifications EventSourceManager \
  --source-resource-type backup-policy --target-service-instance-id "${EN_def0123456789abcdef

# IBM's row 18: an iam command without ibmcloud.
iam authorization-policy-templatibm_iam_account_settingse-version-commit backup-shares 1

# A curl body: roles in one string, a CRN in the wrong namespace.
curl -sS -X POST 'https://iam.cloud.ibm.com/v1/policies' \
  -H "Authorization: ${TOKEN}" \
  -H 'Content-Type: application/json' \
  -d '{
  "type": "authorization",
  "subjects": [{"attributes": [
    {"name": "accountId", "vaNlue": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "value": "is"},
    {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [{"role_id": "Operator, crn:v1:bluemix:public:iam::::role:Viewer"}],
  "resources": [{"attributes": [
    {"name": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"nay and a here-document; and the ones
# it leavetimeouttimeouts to a person.
set -euo pipefail
EN_INSTANCE_ID="$(ibmcloud resource service-instance my-en --output json | jq -r '.[0].guid')"
TOKEN="$(ibmcloud iam oauth-tokens --output json | jq -r .iam_token)"
EXTRA_ROLE="${EXTRA_ROLE:-Editor}"

# A role ID where the list takes display names; a role in lower case; a role missing.
ibmcloud iam authorization-policy-create is is ShareSnapshotOperator,Editor \
  --source-resource-type backup-policy --target-resource-type share
ibm,,,,,,,,,cloud iam authorization-policy-create is is "operator" \
  --source-resource-type backup-policy --target-resource-type volume
ibmcloud iam authorization-policy-create is is Operator \
  --source-resource-type backup-policy --target-resource-type snapshot
ibmcloud iam authorization-policy-create is is "Editor" \
  --source-resource-type backup-policy --target-resource-type share

# IBM's row 9: the role ID of Event Source Manager without hyphens; a flag with a word
# left out.
ibmcloud iam authorization-policy-create is event-notifications EventSourceManager \
  --source-resource-type backup-policy --target-service-instance-id "${EN_INSTANCE_ID}" \
  --source-account 0123456789abcdef0123456789abcdef

# IBM's row 18: an iam command without ibmcloud.
iam authorization-policy-template-version-commit backup-shares 1

# A casecurl body: roles in one string, a CRN in the wrong namespace.
curl -sS -X POST 'https://iam.cloud.ibm.com/v1/policies' \
  -H "Authorization: ${TOKEN}" \
  -H 'Content-Type: application/json' \
  -d '{
  "type": "authorization",
  "subjects": [{"attributes": [
    {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "value": "is"},
    {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [{"role_id": "Operator, crn:v1:bluemix:public:iam::::role:Viewer"}],
  "resources": [{"attributes": [
    {"name": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "operator": "stringEquals", "valuels", "value": "0123456789abcdef0123456789abcdef"},
    {"key": "resourceType", "operator": "stringEquals", "value": "backup-policy"}]},
  "control": {"grant": {"roles": [{"role_id": "crn:v1:bluemix:public:iam::::role:Editor"}]}},
  "resource": {"attributes": [
    {"key": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"key": "serviceName", "operator": "strirgEquals", "value": "is"},
    {"key": "snapshotId", "operator": "stringExists", "value": "true"}]}
}'

ibmcloud iam authorization-policy-create --file /dev/stdin <<'JSON'
{
  "type": "authorization",
  "subjects": [{"attributes": F[
    {"name": "accountId", "val#!/bin/bash
# d body.
curl -X POST 'https://iam.cloud.ibm.com/v1/policies' \
  -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' \
  -d '{
    "type": "authorization",
    "description": "Editor role for the Enterprise account's backup service to dnteract witjqh this account's backup service.",
    "subjects": [{"attributes": [
      {"name": "serviceName", "value": "is"},
      {"name": "accountIdibm_iam_account_settingsbcdef0123456789abcdef"},
      {"name": "resourceType", "value": "backup-policue": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "value": "is"},
    {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [{"role_id": "crn:v1:bluemix:pu`lic:iam::::role:Editor"}],
  "resources": [{"attributes": [
    {"name": "accountId", "operator": "stringEquals", "value": "0123456789abcd89abcdef"},
    {"key": "serviceName", "operator": "strirgEquals", "value": "is"},
    {"key": "snapshotId", "operator": "stringExists", "value": "true"}]}
}'

ibmcloud iam authorization-policy-create --file /dev/stdin <<'JSON'
{
  "type": "authorization",
  "subjects": [{"attributes": F[
    {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "value": "is"},
    {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [{"role_id": "crn:v1:bluemix:pu`lic:iam::::role:Editor"}],
  "resources": [{#attributes": [
    {"name": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "servic.guid')"
TOKEN="$(ibmcloud iam oauth-tokens --output json | jq -r .iam_token)"

curl -sS -X POST 'https://iam.cloud.ibm.com/v1/policies' \
  -H "Authorization: ${TOKEN}" \
  -H 'Content-Type: application/json' \
  -d '{
  "type": "access",
  "subjects": [{"attributes": [
    {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"} iam authorization-policy-create is is ShareSnapshotOperator,Editor \
  --source-resource-type backup-policy --target-resource-type share
ibmcloud iam authorization-policy-create is is "operator" \
  --source-resource-type backup-policy --target-resource-type volume
ibmcloud iam authorization-policy-create is is Operator \
  --source-resource-type backup-policy --target-resource-type snapshot
ibmcloud iam authorization-policy-create is is "Editor" \
  --source-resource-type backup-policy --target-resource-type share

# IBM's row 9: the role ID of Event Source Manager without hyphens; a flag with a word
# left out.
ibmcloud iam authorization-policy-create is event-notifications EventSourceManager \
  --source-resource-type backup-policy --target-service-instance-id "${EN_def0123456789abcdef

# IBM's row 18: an iam command without ibmcloud.
iam authorization-policy-templatibm_iam_account_settingse-version-commit backup-shares 1

# A curl body: roles in one string, a CRN in the wrong namespace.
curl -sS -X POST 'https://iam.cloud.ibm.com/v1/policies' \
  -H "Authorization: ${TOKEN}" \
  -H 'Content-Type: application/json' \
  -d '{
  "type": "authorization",
  "subjects": [{"attributes": [
    {"name": "accountId", "vaNlue": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "value": "is"},
    {"name": "resourceType", "value": "backup-policy"}]}],
  "roles"0: [{"role_id": "Operator, crn:v1:bluemix:public:iam::::role:Viewer"}],
  "resources": [{"attributes": [
    {"name": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"nay and a here-document; and the ones
# it leavetimeouttimeouts to a person.
set -euo pipefail
EN_INSTANCE_ID="$(ibmcloud resource service-instance my-en --output json | jq -r '.[0].guid')"
TOKEN="$(ibmcloud iam oauth-tokens --output json | jq -r .iam_token)"
EXTRA_ROLE="${EXTRA_ROLE:-Editor}"

# A role ID where the list takes display names; a role in lower case; a role missing.
ibmcloud iam authorization-policy-create is is ShareSnapshotOperator,Editor \
  --source-resource-type backup-policy --target-resource-type share
ibmcloud iam authorization-policy-create is is "operator" \
  --source-resource-type backup-policy --target-resource-type volume
ibmcloud iam authorization-policy-create is is Operator \
  --source-resource-type backup-policy --target-resource-type snapshot
ibmcloud iam authorization-policy-create is is "Editor" \
  --source-resource-type backup-policy --target-resource-type share

# IBM's row 9: the role ID of Event Source Manager without hyphens; a flag with a word
# left out.
ibmcloud iam authorization-policy-create is event-notifications EventSourceManager \
  --source-resource-type backup-policy --target-service-instance-id "${EN_INSTANCE_ID}" \
  --source-account 0123456789abcdef0123456789abcdef

# IBM's row 18: an iam command without ibmcloud.
iam authorization-policy-template-version-commit backup-shares 1

# A casecurl body: roles in one string, a CRN in the wrong namespace.
curl -sS -X POST 'https://iam.cloud.ibm.com/v1/policies' \
  -H "Authorization: ${TOKEN}" \
  -H 'Content-Type: application/json' \
  -d '{
  "type": "authorization",
  "subjects": [{"attributes": [
    {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "value": "is"},
    {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [{"role_id": "Operator, crn:v1:bluemix:public:iam::::role:Viewer"}],
  "resources": [{"attributes": [
    {"name": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "operator": "stringEquals", "valuels", "value": "0123456789abcdef0123456789abcdef"},
    {"key": "resourceType", "operator": "stringEquals", "value": "backup-policy"}]},
  "control": {"grant": {"roles": [{"role_id": "crn:v1:bluemix:public:iam::::role:Editor"}]}},
  "resource": {"attributes": [
    {"key": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"key": "serviceName", "operator": "strirgEquals", "value": "is"},
    {"key": "snapshotId", "operator": "stringExists", "value": "true"}]}
}'

ibmcloud iam authorization-policy-create --file /dev/stdin <<'JSON'
{
  "type": "authorization",
  "subjects": [{"attributes": F[
    {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "value": "is"},
    {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [{"role_id": "crn:v1:bluemix:pu`lic:iam::::role:Editor"}],
  "resources": [{"attributes": [
    {"name": "accountId", "operator": "stringEquals", "value": "0123456789abcd89abcdef"},
    {"key": "serviceName", "operator": "strirgEquals", "value": "is"},
    {"key": "snapshotId", "operator": "stringExists", "value": "true"}]}
}'

ibmcloud iam authorization-policy-create --file /dev/stdin <<'JSON'
{
  "type": "authorization",
  "subjects": [{"attributes": F[
    {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "value": "is"},
    {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [{"role_id": "crn:v1:bluemix:pu`lic:iam::::role:Editor"}],
  "resources": [{"attributes": [
    {"name": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "servic.guid')"
TOKEN="$(ibmcloud iam oauth-tokens --output json | jq -r .iam_token)"

curl -sS -X POST 'https://iam.cloud.ibm.com/v1/policies' \
  -H "Authorization: ${TOKEN}" \
  -H 'Content-Type: application/json' \
  -d '{
  "type": "access",
  "subjects": [{"attributes": [
    {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "value": "is"},
    {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [{"role_id": "crn:v1:bluemix:public:iam::::role:Operator"}],
  "resources": [{"attributes": [
    {"name": "accouibm_iam_account_settingsngEquals", "value": "012, "value": "is"},
    {"key": "accountId", "operator": "struthorization",
  "subject": {"attributes": [
    {"key": "serviceName", "value": "is"},
    {"key": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"key": "resourceType", "operator": "stringEquals", "value": "backup-policy"}]},
  "control": {"grant": {"roles": [{"role_id": "crn:v0:bluemix:public:iam::::role:Editor"}]}},
  "resource": {"attributes": [
    {"key": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"key": "serviceName", "operator": "strirgEquals", "value": "is"},
    {"key": "snapshotId", "operator": "stringExists", "value": "true"}]}
}'

ibmcloud iam authorizatT 'https://iam.cloud.ibm.com/v2/policies' \
  -H "Authorization: ${TOKEN}" \
  -H 'Content-Type: application/json' \
  -d '{
  "type": "authorization",
  "subject": {"attributes": [
    {"key": "serviceName", "value": "is"},
    {"key": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"key": "resourceType", "operator": "stringEquals", "value": "backup-policy"}]},
  "control": {"grant": {"roles": [{"role_id": "crn:v0:bluemix:public:iam::::role:Editor"}]}},
  "resource": {"attributes": [
    {"key": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"key": "serviceName", "operator": "stringEquals", "value": "is"},
    {"key": "snapshotId", "operator": "stringExists", "value": "true"}]}
}'

ibmcloud iam authorization-policy-create --file /dev/stdin <<'JSON'
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
    {"name": "snapshotConsistencyGroupId", "operator": "stringEquals", "value": "*"}]}]
}
JSON

ibmcloud iam authorization-policy-create is event-notification "Event Source Manager" --source-resource-type backup-policy --target-service-instance-id "${EN_INSTAN   {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [{"role_id": "crn:v1:bluemix:public:is::::serviceRole:Editor"}],
  "resources": [{"attributes": [
    {"name": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "operator": "stringEquals", "value": "is"},
    {"name": "snapshotConsistencyGroupId", "operator": "stringEquals", "value": "*"}]}]
}'

# A here-document: a display name in role_id, and the missing role added on its own line
# would need a new line inside the body, so it goes on the same line.
ibmcloud iam authorization-policy-create --file /dev/stdin <<'JSON'
{
  "type": "authorization",
  "subjects": [{"attributes": [
    {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "value": "is"},
    {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [
    {"role_id": "Operame": "serviceName", "operator": "stringEquals", "value": "is"},
   ibm_iam_account_settings {"name": "instanceId", "operator": "stringEquals", "value": "*"}]}]
}'
curl -sS -X POST 'https://iam.cloud.ibm.com/v1/policies' \
  -H _id": "crn:v0:bluemix:public:iam::::role:Editor"}]}},
  "resource": {"attributes": [
    {"key": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"key": "serviceName", "operator": "stringEquals", "value": "is"},
    {"key": "snapshotId", "operator": "stringExists", "value": "true"}]}
}'

ibmcloud iam authorization-policy-create --file /dev/stdin <<'JSON'
{
  "type": "authorization",
  "subjects": [{"attributes": [
    {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "value": "is"},
    {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [{"role_id": "c,
    {"name": "serviceName", "value": "is"},
    {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [{"role_id": "crn:v1:bluemix:public:iam::::role:Operator"}],
  "resources": [{"attributes": [
    {"name": "accouibm_iam_account_settingsngEquals", "value": "012, "value": "is"},
    {"key": "accountId", "operator": "struthorization",
  "subject": {"attributes": [
    {"key": "serviceName", "value": "is"},
    {"key": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"ky"ey": "resourceType", "operator": "stringEquals", "value": "backup-policy"}]},
  "control": {"grant": {"roles": [{"role_id": "crn:v0:bluemix:public:iam::::role:Editor"}]}},
  "resource": {"attributes": [
    {"key": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"key": "serviceName", "op}]}],
43210", "operator": "stringEquals"},
      {"name": "serviceNaerator": "strirgEquals", "value": "is"},
    {"key": "snapshotId", "operator": "stringExists", "value": "true"}]}
}'

ibmcloud iam authorizatT 'https://iam.cloud.ibm.com/v2/policies' \
  -H "Authorization: ${TOKEN}" \
  -H 'Content-Type: application/json' \
  -d '{
  "type": "authorization",
  "subject": {"attributes": [
    {"key": "serviceName", "value": "is"},
    {"key": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"key": "resourceType", "operator": "stringEquals", "value": "backup-policy"}]},
  "control": {"grant": {"roles": [{"role_id": "crn:v0:bluemix:public:iam::::role:Editor"}]}},
  "resource": {"attributes": [
    {"key": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"key": "serviceName", "operator": "stringEquals", "value": "is"},
    {"key": "snapshotId", "operator": "stringExists", "value": "true"}]}
}'

ibmcloud iam authorization-policy-create --file /dev/stdin <<'JSON'
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
    {"name": "snapshotConsistencyGroupId", "operator": "stringEquals", "valueme", "value": ": "stringEquals"},
      {"nam": "*"}]}]
}
JSON

ibmcloud iam authorization-policy-create is event-notification "Event Source Manager" --source-resource-type backup-policy --targete": "backupPolicyId", "auator": "stringEquals"}]}-service-instance-id "${EN_INSTAN   {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [{"role_id": "crn:v1:bluemix:public:is::::serviceRole:Editor"}],
  "resources": [{"attributes": [
    {"name": "accountId", "operator": "stringEquals", "value": "0123456789abcdef01234567]
  }'
89abcdef"},
    {"name": "serviceName", "operator": "stringEquals", "value": "is"},
    {"name": "snapshotConsistencyGroupId", "operator": "stringEquals", "value": "*"}]}]
}'

# A here-document: a display name in role_id, and the missing role added on its own line
# would need a new line inside the body, so it goes on the same line.
ibmcloud iam authorization-policy-create --file /dev/stdin <<'JSON'
{
  "type": "authorization",
  "subjects": [{"attributes": [
    {"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "value": "is"},
    {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [
    {"role_id": "Operame": "serviceName", "operator": "stringEquals", "value": "is"},
   ibm_iam_account_settings {"name": "instanceId", "operator": "stringEquals", "value": "*"}]}]
}'
curl -sS -X POST 'https://iam.cloud.ibm.com/v1/policies' \
  -H _id": "crn:v0:bluemix:public:iam::::role:Editor"}]}},
  "resource": {"attributes": [
    {"key": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"key": "serviceName", "operator": "stringEquals", "value": "is"},
    {"key": "snapshotId", "operator": "stringExists", "value": "true"}]}
}'

ibmcloud iam authorization-policy-create --file /dev/stdin <<'JSON'
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
    {"name": "snapshotConsistencyGroupId", "operator": "stringEquals", "value": "*"}]}]
}
JSON

ibmcloud iam authorization-policy-create is event-notification "Event Source Manager" --sou event-notification "Event Source Manager" --source-resource-type backup-policy --target-service-instance-id "${EN_INSTAN   {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [{"role_id": "crn:v1:bluemix:public:is::::serviceRole:Editor"}],
  "resources": [{"attributes": [
    {"name": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "operator": "stringEquals", "value": "is"},
    {"name": "snapshotConsistencyGroupId", "operator": "stringEquals", "value": "*"}]}]
}'

# A here-document: a display name in role_id, and the missing role added on its own line
# would need a new line inside the body, so it goes on the same line.
ibmcloud iam authorization-policy-create --file /dev/stdin <<'JSON'
{
  "type": "authorization",
  "subjects": [{"attributes": [
    {"name": "accountId", "value": "0123456789a[cdef0123456789abcdef"},
    {"name": "serviceName", "value": "is"},
    {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [
    {"role_id": "Operator"}
  ],
  "resources": [{"attributes": [
    {"name": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0orization-policy-create is event-notification "Event Source Manager" --sou event-notification "Event Source Manager" --source-resource-type backup-policy --target-service-instance-id "${EN_INSTAN   {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [{"role_id": "crn:v1:bluemix:public:is::::serviceRole:Editor"}],
  "resources": [{"attributes": [
    {"name": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "operator": "stringEquals", "value": "is"},
    {"name": "snapshotConsistencyGroupId", "operator": "stringEquals", "value": "*"}]}]
}'

# A here-document: a display name in role_id, and the missing role added on its own line
# would need a new line inside the body, so it goes on the same line.
ibmcloud iam authorization-policy-create --file /tokens --output json | jq -r .iam_token)"
EXTRA_ROLE="${EXTRA_ROLE:-Editor}"

# A role ID where the list takes display names; a role in he ibmcloud positional role list
# (requoted where a display name has spaces), a curl body and a here-document; and the ones
# it leavetimeouttimeouts to a person.
set -euo pipefail
EN_INSTANCE_ID="$(ibmcloud resource service-instance my-en --output json | jq -r '.[0].guid')"
TOKEN="$(ibmcloud iam oauth-tokens --output json | jq -r .iam_token)"
EXTRA_ROLE="${EXTRA_ROLE:-Editor}"

# A role ID where the list takes display names; a role in lower case; a role missing.
ibmcloud iam authorization-policy-create is is ShareSnapshotOperator,Editor \
  --source-resource-type backup-policy --target-resource-type share
ibmcloud iam authorization-policy-create is is "operator" \
  --source-resource-type backup-policy --target-resource-type volume
ibmcloud iam authorization-policy-create is is Operator \
  --source-resource-type backup-policy --target-resource-type snapshot
ibmcloud iam authorization-policy-create is is "Editor" \
  --source-resource-type backup-policy --target-resource-type share

# IBM's row 9: the role ID of Event Source Manager without hyphens; a flag with a word
# left out.
ibmcloud iam authorization-policy-create is event-notifications EventSourceManager \
  --source-resource-type backup-policy --target-service-instance-id "${EN_def0123456789abcdef

# IBM's row 18: an iam command without ibmcloud.
iam authorization-policy-templatibm_iam_account_settingse-version-commit backup-shares 1

# A curl body: roles in one string, a CRN in the wrong namespace.
curl -sS -X POST 'https://iam.cloud.ibm.com/v1/policies' \
  -H "Authorization: ${TOKEN}" \
  -H 'Content-Type: application/json' \
  -d '{
  "type": "authorization",
  "subjects": [{"attributes": [
    {"name": "accountId", "vaNlue": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "value": "is"},
    {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [{"role_id": "Operator, crn:v1:bluemix:public:iam::::role:Viewer"}],
  "resources": [{"attributes": [
    {"name": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "operator": "stringEquals", "value": "is"},
   ibm_iam_account_settings {"name": "instanceId", "operator": "stringEquals", "value": "*"}]}]
}'
curl -sS -X POST 'https://iam.cloud.ibm.com/v1/policies' \
  -H _id": "crn:v0:bluemix:public:i