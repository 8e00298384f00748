#!/usr/bin/env bash
# selftest.sh [HCLCHECK] — checks hclcheck's own verdicts on testdata/.
# Without an argument it builds hclcheck into a temporary directory first
# (tests/consumers/build-hclcheck.sh). Needs jq. Exit 0 = all assertions hold.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
data=$here/testdata
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ $# -ge 1 ]; then
    hclcheck=$1
    case $hclcheck in /*) ;; *) hclcheck=$PWD/$hclcheck ;; esac
else
    "$here/../build-hclcheck.sh" "$tmp/bin" >/dev/null || exit 1
    hclcheck=$tmp/bin/hclcheck
fi
command -v jq >/dev/null || { echo "selftest: jq is required" >&2; exit 1; }

fails=0
pass() { printf 'ok   %s\n' "$1"; }
fail() { printf 'FAIL %s\n' "$1"; fails=$((fails + 1)); }

# expect NAME WANT_RC STDERR_PATTERN -- ARGS...: run hclcheck, check the exit
# code and that stderr matches the (grep -E) pattern ('' = don't care).
expect() {
    local name=$1 want=$2 pat=$3 rc
    shift 4
    "$hclcheck" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -ne "$want" ]; then
        fail "$name: exit $rc, want $want"; sed 's/^/     /' "$tmp/err"; return
    fi
    if [ -n "$pat" ] && ! grep -Eq -- "$pat" "$tmp/err"; then
        fail "$name: stderr does not match /$pat/"; sed 's/^/     /' "$tmp/err"; return
    fi
    pass "$name"
}

cd "$data" || exit 1

# Format/parse mode.
expect "good.tf is canonical"            0 '' -- good.tf
expect "share-2.3.tf is canonical"       0 '' -- share-2.3.tf
expect "conflict.tf parses (fmt mode)"   0 '' -- conflict.tf
expect "badfmt.tf rejected at line 6"    1 '^badfmt\.tf:6:1: not in canonical' -- badfmt.tf
expect "unparsable.tf rejected"          1 '^unparsable\.tf:[0-9]+:[0-9]+: ' -- unparsable.tf
expect "interp.tf: lone interpolation"   1 '^interp\.tf:13:13: redundant interpolation' -- interp.tf
expect "interp.tf: unquoted label"       1 '^interp\.tf:6:41: terraform fmt writes block labels quoted' -- interp.tf
expect "one bad file fails the run"      1 '^badfmt\.tf:' -- good.tf badfmt.tf share-2.3.tf
expect "missing file is a usage error"   2 'no-such\.tf' -- no-such.tf
expect "no arguments is a usage error"   2 'usage' --

# -v2 translation against the hand-written §2.3 expectation.
if "$hclcheck" -v2 share-2.3.tf >"$tmp/share.json" 2>"$tmp/err" &&
   diff <(jq -S . share-2.3.expected.json) <(jq -S . "$tmp/share.json") >"$tmp/diff"; then
    pass "-v2 share-2.3.tf equals share-2.3.expected.json"
else
    fail "-v2 share-2.3.tf differs from share-2.3.expected.json"
    cat "$tmp/err" "$tmp/diff" 2>/dev/null | sed 's/^/     /'
fi

# -v2 on the full file: spot checks with jq.
if "$hclcheck" -v2 good.tf >"$tmp/good.json" 2>"$tmp/err"; then
    check() {
        if jq -e "$2" "$tmp/good.json" >/dev/null; then pass "$1"; else fail "$1"; fi
    }
    check "-v2 good.tf: 3 policies, 1 template, 1 assignment in file order" \
        '[.policies[].name] == ["share_policy","volume_policy","en_policy"]
         and [.templates[].name] == ["volume_template"]
         and [.assignments[].name] == ["volume_child"]'
    # shellcheck disable=SC2016 # ${...} is jq/Terraform text, not shell
    check "-v2 good.tf: traversal rendered as \${...} text" \
        '.policies[1].body.subject.attributes[0]
         == {"key":"accountId","operator":"stringEquals","value":"${data.ibm_iam_account_settings.current.account_id}"}
         and .policies[1].body.resource.attributes[0].value == "${data.ibm_iam_account_settings.current.account_id}"'
    check "-v2 good.tf: stringExists \"true\" becomes JSON true" \
        '.policies[1].body.resource.attributes[2] == {"key":"volumeId","operator":"stringExists","value":true}'
    check "-v2 good.tf: Event Source Manager CRN" \
        '.policies[2].body.control.grant.roles == [{"role_id":"crn:v1:bluemix:public:event-notifications::::serviceRole:Event-Source-Manager"}]'
    check "-v2 good.tf: template body" \
        '.templates[0].body | .name == "backup-volume" and .committed == true
         and .policy.type == "authorization"
         and .policy.resource.attributes[1] == {"key":"volumeId","operator":"stringExists","value":true}
         and .policy.control.grant.roles == [{"role_id":"crn:v1:bluemix:public:iam::::role:Operator"}]
         and (has("account_id") | not)'
    # shellcheck disable=SC2016 # ${...} is jq/Terraform text, not shell
    check "-v2 good.tf: assignment body" \
        '.assignments[0].body == {"target":{"type":"Account","id":"0123456789abcdef0123456789abcdef"},
          "templates":[{"id":"${ibm_iam_policy_template.volume_template.template_id}",
                        "version":"${ibm_iam_policy_template.volume_template.version}"}]}'
else
    fail "-v2 good.tf failed"; sed 's/^/     /' "$tmp/err"
fi
expect "-v2 -account-id fills template account_id" 0 '' -- -v2 -account-id 0123456789abcdef0123456789abcdef good.tf
if ! jq -e '.templates[0].body.account_id == "0123456789abcdef0123456789abcdef"' "$tmp/out" >/dev/null; then
    fail "-v2 -account-id: account_id missing from template body"
fi

# -v2 rejections.
expect "-v2 conflict.tf: scalar + attribute blocks" 1 'conflicts with subject_attributes' -- -v2 conflict.tf
expect "-v2 badrole.tf: not a display name"        1 'RoleDoesnotExist: "ShareSnapshotOperator,Editor"' -- -v2 badrole.tf
expect "-v2 interp.tf: \"\${x}\" is accepted"       0 '' -- -v2 interp.tf
# shellcheck disable=SC2016 # ${...} is Terraform text, not shell
if ! jq -e '.policies[0].body.subject.attributes[1].value == "${data.ibm_iam_account_settings.current.account_id}"' \
        "$tmp/out" >/dev/null; then
    fail "-v2 interp.tf: \"\${x}\" not rendered as \${x} text"
fi
expect "-v2 unparsable.tf"                         1 '^unparsable\.tf:' -- -v2 unparsable.tf

cat >"$tmp/exists.tf" <<'EOF'
resource "ibm_iam_authorization_policy" "p" {
  subject_attributes {
    name  = "serviceName"
    value = "is"
  }
  resource_attributes {
    name     = "volumeId"
    operator = "stringExists"
    value    = "*"
  }
  roles = ["Operator"]
}
EOF
expect "-v2 stringExists with \"*\" rejected" 1 'value must be "true" or "false"' -- -v2 "$tmp/exists.tf"

cat >"$tmp/tags.tf" <<'EOF'
resource "ibm_iam_authorization_policy" "p" {
  subject_attributes {
    name  = "serviceName"
    value = "is"
  }
  resource_attributes {
    name  = "serviceName"
    value = "is"
  }
  resource_tags = ["x"]
  roles         = ["Operator"]
}
EOF
expect "-v2 unknown argument resource_tags rejected" 1 'unsupported argument "resource_tags"' -- -v2 "$tmp/tags.tf"

# -module: a folder checked as one module; each broken copy of module-good must fail.
expect "-module module-good passes"               0 '' -- -module module-good
# broken NAME SED_SCRIPT FILE STDERR_PATTERN: a copy of module-good with FILE edited.
broken() {
    rm -rf "$tmp/mod"
    cp -R module-good "$tmp/mod"
    sed -i "$2" "$tmp/mod/$3"
    expect "-module rejects $1" 1 "$4" -- -module "$tmp/mod"
}
broken "hashicorp/ibm (no IBM-Cloud/ibm)" 's|IBM-Cloud/ibm|hashicorp/ibm|' versions.tf \
    'does not name ibm = \{ source = "IBM-Cloud/ibm" \}'
broken "a provider alias not in configuration_aliases" 's|ibm.account_b,|ibm.account_c,|' \
    versions.tf 'provider ibm.account_b is not in configuration_aliases'
broken "an output naming a missing resource" 's|in_b.id|in_c.id|' outputs.tf \
    'refers to ibm_iam_authorization_policy.in_c, which this module does not have'
broken "ready missing an authorization" '/^    ibm_iam_authorization_policy.in_b,$/d' outputs.tf \
    'output "ready" does not depend on ibm_iam_authorization_policy.in_b'
broken "ready missing the time_sleep" 's|time_sleep.wait.id|true|' outputs.tf \
    'output "ready" does not depend on time_sleep.wait'
broken "a time_sleep before an authorization" '/^    ibm_iam_authorization_policy.in_a,$/d' \
    main.tf 'time_sleep.wait does not depend on ibm_iam_authorization_policy.in_a'
broken "a time_sleep without hashicorp/time" 's|hashicorp/time|example/time|' versions.tf \
    'does not name time = \{ source = "hashicorp/time" \}'
broken "an output with a duplicate object key" 's|^    b = ibm_iam_authorization_policy.in_b.id|    a = ibm_iam_authorization_policy.in_b.id|' \
    outputs.tf 'output "ids": duplicate object key "a"'
broken "a file not in terraform fmt layout" 's|^  value = time_sleep|  value   = time_sleep|' \
    outputs.tf 'not in canonical'

if [ "$fails" -ne 0 ]; then
    echo "hclcheck selftest: $fails failure(s)"
    exit 1
fi
echo "hclcheck selftest: all passed"
