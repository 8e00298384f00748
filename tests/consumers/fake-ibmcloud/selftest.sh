#!/usr/bin/env bash
# selftest.sh — checks the fake ibmcloud (tests/consumers/fake-ibmcloud/ibmcloud):
# account targeting, strict v1 policy creation, 409 on duplicates, templates,
# commit, assignments, unsupported commands and injected failures.
# Needs bash, jq, md5sum. Exit 0 = all assertions hold.
# shellcheck disable=SC2016 # single-quoted $x below are jq or `bash -c` variables
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PATH="$here:$PATH"
export FAKE_IBMCLOUD_STATE=$tmp/state
unset FAKE_IBMCLOUD_ACCOUNT FAKE_IBMCLOUD_FAIL_ON
cd "$tmp" || exit 1

fails=0
pass() { printf 'ok   %s\n' "$1"; }
fail() { printf 'FAIL %s\n' "$1"; fails=$((fails + 1)); }

# run NAME WANT_RC [STDERR_PATTERN...] -- ARGS...: run `ibmcloud ARGS`, check
# the exit code and that stderr matches every (grep -E) pattern.
run() {
    local name=$1 want=$2 rc p
    shift 2
    local -a pats=()
    while [ "$1" != -- ]; do pats+=("$1"); shift; done
    shift
    ibmcloud "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -ne "$want" ]; then
        fail "$name: exit $rc, want $want"; sed 's/^/     /' "$tmp/out" "$tmp/err"; return
    fi
    for p in "${pats[@]}"; do
        if ! grep -Eq -- "$p" "$tmp/err"; then
            fail "$name: stderr does not match /$p/"; sed 's/^/     /' "$tmp/err"; return
        fi
    done
    pass "$name"
}

# assert NAME COMMAND...: passes when COMMAND succeeds.
assert() {
    local name=$1
    shift
    if "$@" >/dev/null; then pass "$name"; else fail "$name"; fi
}

lines() { if [ -f "$1" ]; then wc -l <"$1" | tr -d ' '; else echo 0; fi; }

ACCT0=00000000000000000000000000000000
ACCT1=0123456789abcdef0123456789abcdef
ACCT2=fedcba9876543210fedcba9876543210

# ---- inputs ----
cat >v1.json <<'EOF'
{
  "type": "authorization",
  "description": "Backup for VPC -> Block Storage volumes",
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
EOF
# Same policy: other description, attributes reordered, operator omitted.
jq '.description = "other words"
    | .subjects[0].attributes |= reverse
    | .resources[0].attributes[1] |= del(.operator)' v1.json >v1-same.json
# A different policy (snapshot, Editor).
jq '.resources[0].attributes[2].name = "snapshotId"
    | .roles = [{"role_id": "crn:v1:bluemix:public:iam::::role:Editor"}]' v1.json >v1-other.json

cat >template.json <<'EOF'
{
  "name": "backup-volume",
  "description": "Grant Operator Role for the Backup service to work with Block Storage volumes",
  "account_id": "0123456789abcdef0123456789abcdef",
  "policy": {
    "type": "authorization",
    "description": "Grant Operator on Block Storage for VPC volumes",
    "control": {"grant": {"roles": [{"role_id": "crn:v1:bluemix:public:iam::::role:Operator"}]}},
    "subject": {"attributes": [
      {"key": "serviceName", "operator": "stringEquals", "value": "is"},
      {"key": "resourceType", "operator": "stringEquals", "value": "backup-policy"}]},
    "resource": {"attributes": [
      {"key": "serviceName", "operator": "stringEquals", "value": "is"},
      {"key": "volumeId", "operator": "stringExists", "value": true}]}
  }
}
EOF
jq '.name = "backup-share-committed" | .committed = true' template.json >template-committed.json

# ---- environment and target ----
(unset FAKE_IBMCLOUD_STATE; ibmcloud target --output json >/dev/null 2>"$tmp/err"; echo $? >"$tmp/rc")
assert "FAKE_IBMCLOUD_STATE unset is an error" \
    bash -c '[ "$(cat "$1")" = 2 ] && grep -q FAKE_IBMCLOUD_STATE "$2"' _ "$tmp/rc" "$tmp/err"

run "target --output json" 0 -- target --output json
assert "default account is 32 zeros" \
    jq -e --arg a "$ACCT0" '. == {account: {guid: $a, name: "fake"}, region: {name: "us-south"}}' "$tmp/out"
FAKE_IBMCLOUD_ACCOUNT=$ACCT1 ibmcloud target --output JSON >"$tmp/out" 2>&1
assert "FAKE_IBMCLOUD_ACCOUNT and --output JSON" jq -e --arg a "$ACCT1" '.account.guid == $a' "$tmp/out"

run "target -c with a bad account ID fails" 1 '^FAILED' -- target -c 0123456789ABCDEF0123456789ABCDEF

# ---- authorization-policy-create --file ----
run "create v1 policy" 0 -- iam authorization-policy-create --file v1.json
assert "create prints the created id" grep -Eq '^Authorization policy [0-9a-f-]{36} was created\.$' "$tmp/out"
assert "policy recorded with the current account" \
    jq -e -s --arg a "$ACCT0" --slurpfile b v1.json 'length == 1 and .[0].account == $a and .[0].body == $b[0]' \
    "$FAKE_IBMCLOUD_STATE/policies.jsonl"
assert "policies.jsonl line is compact" bash -c '[ "$(wc -l <"$1")" -eq 1 ]' _ "$FAKE_IBMCLOUD_STATE/policies.jsonl"

run "duplicate policy -> 409 policy_conflict_error" 1 \
    '^FAILED$' '^An error occurred while creating the authorization policy\.$' \
    '^Status code: 409$' '^Error code: policy_conflict_error$' -- \
    iam authorization-policy-create --file v1.json
run "same policy, other description and order -> 409" 1 '^Status code: 409$' 'policy_conflict_error' -- \
    iam authorization-policy-create --file v1-same.json
assert "duplicates are not recorded" bash -c '[ "$(wc -l <"$1")" -eq 1 ]' _ "$FAKE_IBMCLOUD_STATE/policies.jsonl"
run "a different policy is created" 0 -- iam authorization-policy-create --file=v1-other.json

# Strictness: each of these must be refused and not recorded.
n=$(lines "$FAKE_IBMCLOUD_STATE/policies.jsonl")
strict() {
    local name=$1 filter=$2
    jq "$filter" v1.json >"$tmp/bad.json"
    run "strict: $name" 1 '^FAILED$' 'Status code: 400' -- iam authorization-policy-create --file "$tmp/bad.json"
}
strict 'type "access"'                  '.type = "access"'
strict 'missing type'                   'del(.type)'
strict 'unknown top-level key'          '.control = {}'
strict 'v1/v2 mix: "subject" key'       '.subject = .subjects[0]'
strict 'operator on a subject'          '.subjects[0].attributes[0].operator = "stringEquals"'
strict 'unknown attribute key'          '.resources[0].attributes[0].key = "x"'
strict 'non-string value'               '.resources[0].attributes[2].value = true'
strict 'empty roles'                    '.roles = []'
strict 'role display name, not a CRN'   '.roles = [{"role_id": "Operator"}]'
strict 'extra key in a role'            '.roles[0].display_name = "Operator"'
strict 'subjects not an array'          '.subjects = .subjects[0]'
strict 'empty attributes'               '.resources[0].attributes = []'
strict 'body is an array'               '[.]'
printf '{"type": "authorization", "subject": { {"attributes": []}}}\n' >"$tmp/broken.json"
run "strict: invalid JSON" 1 '^FAILED$' 'not valid JSON' -- iam authorization-policy-create --file "$tmp/broken.json"
run "strict: missing file" 1 '^FAILED$' -- iam authorization-policy-create --file "$tmp/no-such.json"
run "strict: --file with positionals" 1 '^FAILED$' -- iam authorization-policy-create is is Operator --file v1.json
run "strict: unknown flag" 1 '^FAILED$' -- iam authorization-policy-create is is Operator --target-resource-instance x
assert "rejected bodies are not recorded" \
    bash -c '[ "$(wc -l <"$1")" -eq "$2" ]' _ "$FAKE_IBMCLOUD_STATE/policies.jsonl" "$n"

run "positional form is accepted (logged only)" 0 -- \
    iam authorization-policy-create is is '"Share Snapshot Operator",Editor' \
    --source-resource-type backup-policy --target-resource-type share
assert "positional form is not recorded" \
    bash -c '[ "$(wc -l <"$1")" -eq "$2" ]' _ "$FAKE_IBMCLOUD_STATE/policies.jsonl" "$n"

# ---- target -c switches the account used for policies ----
run "target -c switches account" 0 -- target -c "$ACCT2"
assert "target -c prints Targeted account" grep -q "^Targeted account fake ($ACCT2)" "$tmp/out"
ibmcloud target --output json >"$tmp/out"
assert "target --output json shows the new account" jq -e --arg a "$ACCT2" '.account.guid == $a' "$tmp/out"
run "same policy in another account is created" 0 -- iam authorization-policy-create --file v1.json
assert "policy recorded with the switched account" \
    jq -e -s --arg a "$ACCT2" '.[-1].account == $a' "$FAKE_IBMCLOUD_STATE/policies.jsonl"
run "and is a duplicate there too" 1 'policy_conflict_error' -- iam authorization-policy-create --file v1.json

# ---- templates ----
run "template-create" 0 -- iam authorization-policy-template-create --file template.json
assert "template-create prints name and id" bash -c \
    'grep -q "^Authorization policy template backup-volume was created\.$" "$1" &&
     grep -Eq "policyTemplate-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}" "$1"' _ "$tmp/out"
TID=$(grep -Eo 'policyTemplate-[0-9a-f-]{36}' "$tmp/out" | head -n 1)
run "duplicate template name -> 409" 1 '^Status code: 409$' '^Error code: policy_template_conflict_error$' -- \
    iam authorization-policy-template-create --file template.json

tstrict() {
    local name=$1 filter=$2
    jq "$filter | .name = \"strict-test\"" template.json >"$tmp/bad.json"
    run "template strict: $name" 1 '^FAILED$' 'Status code: 400' -- \
        iam authorization-policy-template-create --file "$tmp/bad.json"
}
tstrict 'unknown key'                    '.state = "active"'
tstrict 'missing account_id'             'del(.account_id)'
tstrict 'account_id not 32 hex'          '.account_id = "ENTERPRISE_ROOT_ACCOUNT_ID"'
tstrict 'policy.type access'             '.policy.type = "access"'
tstrict 'roles outside control.grant'    '.policy.roles = .policy.control.grant.roles | del(.policy.control)'
tstrict 'attribute without operator'     '.policy.subject.attributes[0] |= del(.operator)'
tstrict 'v1 "name" attribute key'        '.policy.resource.attributes[0] = {"name": "serviceName", "operator": "stringEquals", "value": "is"}'
tstrict 'stringExists with string true'  '.policy.resource.attributes[1].value = "true"'
tstrict 'subject operator stringMatch'   '.policy.subject.attributes[0].operator = "stringMatch"'
tstrict 'committed not a boolean'        '.committed = "true"'
tstrict 'control never closed (nested)'  '.policy.control.subject = .policy.subject | del(.policy.subject)'
assert "rejected templates are not recorded" \
    bash -c '[ "$(wc -l <"$1")" -eq 1 ]' _ "$FAKE_IBMCLOUD_STATE/templates.jsonl"

run "template-version by name" 0 -- iam authorization-policy-template-version backup-volume 1 --output json
assert "template-version shows committed false" \
    jq -e --arg id "$TID" '.id == $id and .version == "1" and .committed == false and .name == "backup-volume"' "$tmp/out"
run "template-version unknown -> 404" 1 '^Status code: 404$' 'policy_template_not_found' -- \
    iam authorization-policy-template-version no-such-template 1
run "template-version unknown version -> 404" 1 '^Status code: 404$' -- \
    iam authorization-policy-template-version backup-volume 2

# ---- assignment before commit is refused ----
run "assign uncommitted -> 400 policy_template_not_committed" 1 \
    '^Status code: 400$' '^Error code: policy_template_not_committed$' -- \
    iam authorization-policy-assignment-create backup-volume 1 --target-type Account --target "$ACCT1"
assert "refused assignment not recorded" bash -c '[ ! -s "$1" ]' _ "$FAKE_IBMCLOUD_STATE/assignments.jsonl"

# ---- commit ----
run "commit" 0 -- iam authorization-policy-template-version-commit "$TID" 1
ibmcloud iam authorization-policy-template-version "$TID" 1 >"$tmp/out"
assert "committed is recorded" jq -e '.committed == true' "$tmp/out"
run "commit again -> 409 policy_template_version_committed" 1 \
    '^Status code: 409$' '^Error code: policy_template_version_committed$' 'committed' -- \
    iam authorization-policy-template-version-commit backup-volume 1
run "commit unknown -> 404" 1 '^Status code: 404$' -- \
    iam authorization-policy-template-version-commit no-such-template 1

# ---- assignments ----
run "assign to an Account" 0 -- \
    iam authorization-policy-assignment-create backup-volume 1 --target-type Account --target "$ACCT1"
assert "assignment recorded" jq -e -s --arg t "$TID" --arg a "$ACCT1" \
    'length == 1 and .[0].template == {id: $t, version: "1"} and .[0].target == {type: "Account", id: $a}' \
    "$FAKE_IBMCLOUD_STATE/assignments.jsonl"
run "same assignment by template id -> 409" 1 '^Status code: 409$' '^Error code: policy_assignment_conflict_error$' -- \
    iam authorization-policy-assignment-create "$TID" 1 --target-type Account --target "$ACCT1"
run "assign to an AccountGroup" 0 -- \
    iam authorization-policy-assignment-create "$TID" 1 --target-type AccountGroup --target "$ACCT2"
run "target type Enterprise refused" 1 '^FAILED$' 'Status code: 400' -- \
    iam authorization-policy-assignment-create "$TID" 1 --target-type Enterprise --target "$ACCT1"
run "target type 'Account Group' refused" 1 '^FAILED$' -- \
    iam authorization-policy-assignment-create "$TID" 1 --target-type 'Account Group' --target "$ACCT1"
run "target id too long refused" 1 '^FAILED$' -- \
    iam authorization-policy-assignment-create "$TID" 1 --target-type Account --target "${ACCT1}0"
run "target id with _ refused" 1 '^FAILED$' -- \
    iam authorization-policy-assignment-create "$TID" 1 --target-type Account --target "a_b"
run "assign unknown template -> 404" 1 '^Status code: 404$' -- \
    iam authorization-policy-assignment-create nope 1 --target-type Account --target "$ACCT1"
run "assign without --target refused" 1 '^FAILED$' -- \
    iam authorization-policy-assignment-create "$TID" 1 --target-type Account

run "template created committed" 0 -- iam authorization-policy-template-create --file template-committed.json
run "... can be assigned at once" 0 -- \
    iam authorization-policy-assignment-create backup-share-committed 1 --target-type Account --target "$ACCT1"
run "... and committing it again -> 409" 1 '^Status code: 409$' 'committed' -- \
    iam authorization-policy-template-version-commit backup-share-committed 1

# ---- listings: what was recorded, shaped like IAM's answers ----
ibmcloud target -c "$ACCT2" >/dev/null
ibmcloud iam authorization-policies --output json >"$tmp/list.json"
created_id=$(ibmcloud iam authorization-policy-create --file v1.json 2>&1 | sed -n 's/.*already exists in account [0-9a-f]*: //p')
assert "authorization-policies lists the account's policies" jq -e --argjson n \
    "$(jq -s --arg a "$ACCT2" 'map(select(.account == $a)) | length' "$FAKE_IBMCLOUD_STATE/policies.jsonl")" \
    'type == "array" and length == $n and $n > 0' "$tmp/list.json"
assert "... with the ID a duplicate create names" jq -e --arg id "$created_id" \
    '$id != "" and any(.[]; .id == $id)' "$tmp/list.json"
assert "... with IAM's metadata and role display names" jq -e 'all(.[];
    (.id | test("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"))
    and .href == "https://iam.cloud.ibm.com/v1/policies/\(.id)" and .state == "active"
    and (.created_at | type) == "string" and (.created_by_id | type) == "string"
    and all(.roles[]; (.display_name | type) == "string" and .display_name != ""))' "$tmp/list.json"
assert "... and the body as created" jq -e --slurpfile b v1.json \
    'any(.[]; del(.id, .href, .created_at, .created_by_id, .last_modified_at, .last_modified_by_id,
                  .state) | .roles |= map(del(.display_name, .description)) == $b[0])' "$tmp/list.json"
ibmcloud target -c "$ACCT0" >/dev/null
ibmcloud iam authorization-policies --output json >"$tmp/list0.json"
assert "another account lists its own policies only" jq -e --slurpfile other "$tmp/list.json" \
    '[.[].id] - [$other[0][].id] == [.[].id]' "$tmp/list0.json"
run "authorization-policies --output yaml refused" 1 '^FAILED$' -- iam authorization-policies --output yaml
ibmcloud target -c "$(jq -r -s '.[0].account' "$FAKE_IBMCLOUD_STATE/templates.jsonl")" >/dev/null
ibmcloud iam authorization-policy-templates --output json >"$tmp/tlist.json"
assert "authorization-policy-templates lists templates with id, version, committed" jq -e --arg t "$TID" \
    'length >= 1 and any(.[]; .id == $t and .version == "1" and .committed == true and .name == "backup-volume"
     and (.policy.control.grant.roles | length) > 0 and .state == "active")' "$tmp/tlist.json"
ibmcloud iam authorization-policy-assignments --output json >"$tmp/alist.json"
assert "authorization-policy-assignments lists assignments with target and template" jq -e --arg t "$TID" \
    --arg a "$ACCT1" 'any(.[]; (.id | startswith("policyAssignment-")) and .template == {id: $t, version: "1"}
     and .target == {type: "Account", id: $a} and .status == "succeeded")' "$tmp/alist.json"

# ---- unsupported commands ----
run "unsupported command -> exit 2" 2 '^FAILED$' "^'ibmcloud iam authorization-policy-delete x' is not supported by the fake$" -- \
    iam authorization-policy-delete x
run "unsupported top-level command -> exit 2" 2 "is not supported by the fake" -- login --apikey x
run "no arguments -> exit 2" 2 "is not supported by the fake" --

# ---- FAKE_IBMCLOUD_FAIL_ON ----
n=$(lines "$FAKE_IBMCLOUD_STATE/policies.jsonl")
FAKE_IBMCLOUD_FAIL_ON="v1-other" ibmcloud target -c "$ACCT1" >/dev/null 2>&1
assert "FAIL_ON leaves non-matching calls alone" \
    bash -c '[ "$(cat "$1")" = "$2" ]' _ "$FAKE_IBMCLOUD_STATE/account" "$ACCT1"
FAKE_IBMCLOUD_FAIL_ON="v1-other" ibmcloud iam authorization-policy-create --file v1-other.json >/dev/null 2>"$tmp/err"
rc=$?
assert "FAIL_ON matching call fails with 500" \
    bash -c '[ "$1" = 1 ] && grep -q "^Status code: 500$" "$2" && grep -q "^FAILED$" "$2"' _ "$rc" "$tmp/err"
assert "FAIL_ON failure is not recorded" \
    bash -c '[ "$(wc -l <"$1")" -eq "$2" ]' _ "$FAKE_IBMCLOUD_STATE/policies.jsonl" "$n"

# ---- calls.log ----
assert "calls.log has one line per call, argv quoted with %q" \
    grep -qxF 'ibmcloud iam authorization-policy-create is is \"Share\ Snapshot\ Operator\"\,Editor --source-resource-type backup-policy --target-resource-type share' \
    "$FAKE_IBMCLOUD_STATE/calls.log"
assert "calls.log logs refused and unsupported calls too" \
    grep -qxF "ibmcloud iam authorization-policy-delete x" "$FAKE_IBMCLOUD_STATE/calls.log"
assert "calls.log lines replay to the same argv" bash -c '
    line=$(grep -m1 "Share" "$1")
    eval "set -- ${line#ibmcloud }"
    [ "$5" = "\"Share Snapshot Operator\",Editor" ] && [ $# -eq 9 ]' _ "$FAKE_IBMCLOUD_STATE/calls.log"

if [ "$fails" -ne 0 ]; then
    echo "fake-ibmcloud selftest: $fails failure(s)"
    exit 1
fi
echo "fake-ibmcloud selftest: all passed"
