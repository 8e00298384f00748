#!/usr/bin/env bash
# test-live.sh AUTHZC SRCDIR SCRATCH - adopting existing accounts, end to end, against the fake
# ibmcloud (tests/consumers/fake-ibmcloud), which lists what it recorded the way IAM does:
#  - an intent (account current, an enterprise child, a template set) compiled with -t cli and
#    run against the fake, then exported (authorization-policies, -templates, -assignments
#    --output json): `plan --live` says nothing to do (exit 0, no "+" or "~" line);
#  - `import` of those exports, compiled again with -t json, gives the same bodies as the
#    original intent; and the round trip import -> compile -t json equals the export as sets
#    of (account, subject, target, roles, scope); the imported intent checks clean; the YAML
#    import compiles to the same bytes as the DSL one;
#  - hand-made accounts (created through the fake with hand-written bodies: one policy
#    missing, an extra one, wrong roles, another service's policy, one resource instead of
#    the wildcard) give the plan a person expects, in text and in JSON, exit 1; importing
#    them gives an intent on which `authzc check` reports the wrong roles;
#  - `compile -t cli --live` of the hand-made account creates only what is missing and says
#    "exists NAME (ID)" for the rest; afterwards the plan has nothing to create;
#  - `compile -t terraform --live` gets one import block per existing policy, each naming a
#    resource of the file, and passes HashiCorp's parser and formatter check (hclcheck), as
#    do the golden cases tests/cases/live/compile-live-terraform*;
#    bash -n and shellcheck pass on the --live script.
# Prints one line per problem and a final "N passed, M failed"; exits non-zero on any problem.
set -uo pipefail

if [ $# -ne 3 ]; then
    echo "usage: $0 AUTHZC SRCDIR SCRATCH" >&2
    exit 2
fi
authzc=$1
src=$2
scratch=$3
fake_dir=$src/tests/consumers/fake-ibmcloud
current=abcdef0123456789abcdef0123456789 # the fake's logged-in account
ent=ffffffffffffffffffffffffffffffff
child=0123456789abcdef0123456789abcdef
hand=1111111111111111111111111111aaaa

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() {
    echo "FAIL: $*"
    fail=$((fail + 1))
}
show() { sed 's/^/    /' "$1"; }
finish() {
    echo "live consumer: the fake ibmcloud's exports, import, plan --live, compile --live"
    echo "$pass passed, $fail failed"
    if [ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]; then
        exit 0
    fi
    exit 1
}
for tool in jq shellcheck; do
    command -v "$tool" >/dev/null 2>&1 || { echo "FAIL: $tool is required"; exit 1; }
done
rm -rf "$scratch"
mkdir -p "$scratch"
cd "$scratch" || exit 1
export PATH="$fake_dir:$PATH" FAKE_IBMCLOUD_ACCOUNT=$current

# export_all STATE PREFIX: the three lists of every account the fake knows, as files PREFIX-*.
export_all() {
    local state=$1 prefix=$2 acct
    for acct in $current $ent $child $hand; do
        FAKE_IBMCLOUD_STATE=$state ibmcloud target -c "$acct" >/dev/null
        FAKE_IBMCLOUD_STATE=$state ibmcloud iam authorization-policies --output json >"$prefix-$acct-policies.json"
        FAKE_IBMCLOUD_STATE=$state ibmcloud iam authorization-policy-templates --output json >"$prefix-$acct-templates.json"
        FAKE_IBMCLOUD_STATE=$state ibmcloud iam authorization-policy-assignments --output json >"$prefix-$acct-assignments.json"
    done
    FAKE_IBMCLOUD_STATE=$state ibmcloud target -c "$current" >/dev/null
}

# tuples FILE...: an export (v1 lists, templates) as sorted set of
# [account, subject account, target attribute, roles, scope] lines.
tuples() {
    jq -c -s '
      def attrs(a): a | map({key: (.name // .key), value: (.value | tostring), op: (.operator // "stringEquals")});
      def scope(r): [r[] | select(.key != "accountId" and .key != "serviceName")] | map("\(.key) \(.op) \(.value)") | sort;
      def canon_scope: map(if test(" stringEquals \\*$") then sub(" stringEquals \\*$"; " stringExists true") else . end);
      .[][] |
      if has("policy") then
        {t: ("template " + .name), s: "", r: attrs(.policy.resource.attributes), roles: [.policy.control.grant.roles[].role_id]}
      elif has("subjects") then
        {t: "", s: (attrs(.subjects[0].attributes) | map(select(.key == "accountId"))[0].value // ""),
         r: attrs(.resources[0].attributes), roles: [.roles[].role_id]}
      else empty end
      | . as $p
      | [(($p.r | map(select(.key == "accountId"))[0].value) // $p.t), $p.s,
         ($p.r | map(select(.key == "serviceName"))[0].value), ($p.roles | sort),
         (scope($p.r) | canon_scope)]' "$@" | sort
}

# compiled_tuples DIR: the same for a compile -t json -o DIR folder.
compiled_tuples() {
    local f
    for f in "$1"/*.json; do
        case $f in */index.json) continue ;; esac
        jq -c 'if has("policy") then . else . end' "$f"
    done | jq -s -c '.' >"$scratch/compiled-list.json"
    tuples "$scratch/compiled-list.json"
}

# 1. A fresh intent, compiled, run, exported: nothing to do.
cat >intent.authz <<EOT
account current {
    backup volumes
}

enterprise "$ent" {
    child "$child" {
        backup volumes, shares
    }
    template "backup-for-vpc" {
        backup shares
        assign account "$child"
    }
}
EOT
if "$authzc" compile -t cli -o run.sh intent.authz 2>err && FAKE_IBMCLOUD_STATE=$scratch/s1 bash run.sh >run.out 2>&1; then
    ok
else
    bad "compile -t cli and a run against the fake:"; show err; show run.out
fi
export_all "$scratch/s1" e1
live=()
for f in e1-*.json; do live+=(--live "$f"); done
"$authzc" plan "${live[@]}" intent.authz >plan1.out 2>plan1.err
rc=$?
if [ $rc -eq 0 ] && ! grep -q '^[+~]' plan1.out && grep -q '^Plan: 0 to create, 0 to change, 12 exist, 0 extra' plan1.out; then
    ok
else
    bad "plan after a run should have nothing to do (exit $rc):"; show plan1.out; show plan1.err
fi

# 2. import -> compile -t json: the same bodies; round trip equals the export as sets.
if "$authzc" import -o imported.authz e1-*.json 2>err && "$authzc" import -o imported.yaml e1-*.json 2>>err; then
    ok
else
    bad "import:"; show err
fi
if "$authzc" check imported.authz >check.out 2>&1; then ok; else bad "the imported intent does not check clean:"; show check.out; fi
"$authzc" compile -t json --account-id $current intent.authz -o orig >/dev/null 2>err || { bad "compile original"; show err; }
"$authzc" compile -t json imported.authz -o back >/dev/null 2>err || { bad "compile imported"; show err; }
"$authzc" compile -t json imported.yaml -o back-yaml >/dev/null 2>err || { bad "compile imported yaml"; show err; }
bodies() { for f in "$1"/*.json; do case $f in */index.json) ;; *) jq -S -c 'del(.account_id)' "$f" ;; esac; done | sort; }
if [ -n "$(bodies orig)" ] && [ "$(bodies orig)" = "$(bodies back)" ]; then ok; else
    bad "import then compile gives other bodies than the original intent"
    diff <(bodies orig) <(bodies back) | head -20
fi
if diff -r back back-yaml >/dev/null; then ok; else bad "the DSL and YAML imports compile differently"; fi
tuples e1-*-policies.json e1-*-templates.json >export.tuples
compiled_tuples back >back.tuples
if [ -s export.tuples ] && diff export.tuples back.tuples >tuples.diff; then ok; else
    bad "round trip: the export and import -> compile -t json differ as sets:"; show tuples.diff
fi

# 3. A hand-made account: created with hand-written bodies through the fake.
body() { # TARGET_ATTR OPERATOR VALUE ROLE_CRN... ; SUBJECT_SERVICE from $subj (default is)
    local attr=$1 op=$2 value=$3
    shift 3
    jq -n --arg a "$hand" --arg attr "$attr" --arg op "$op" --arg v "$value" --arg s "${subj:-is}" \
        --arg svc "${svc:-is}" '$ARGS.positional as $roles | {type: "authorization",
        subjects: [{attributes: ([{name: "accountId", value: $a}, {name: "serviceName", value: $s}]
          + (if $s == "is" then [{name: "resourceType", value: "backup-policy"}] else [] end))}],
        roles: [$roles[] | {role_id: .}],
        resources: [{attributes: [{name: "accountId", operator: "stringEquals", value: $a},
          {name: "serviceName", operator: "stringEquals", value: $svc},
          {name: $attr, operator: $op, value: $v}]}]}' --args "$@"
}
OP=crn:v1:bluemix:public:iam::::role:Operator
ED=crn:v1:bluemix:public:iam::::role:Editor
VI=crn:v1:bluemix:public:iam::::role:Viewer
SSO=crn:v1:bluemix:public:is::::serviceRole:ShareSnapshotOperator
make_hand() {
    local state=$1 i=0
    FAKE_IBMCLOUD_STATE=$state ibmcloud target -c $hand >/dev/null
    {
        body instanceId stringEquals '*' $OP                   # exists
        body volumeId stringEquals 'r006-0a1b2c3d' $OP          # one resource instead of the wildcard
        body snapshotId stringEquals '*' $VI                    # wrong roles
        body shareId stringEquals '*' $ED $SSO                  # extra: the intent has no shares
        subj=cloud-object-storage svc=kms body keyId stringEquals '*' \
            crn:v1:bluemix:public:iam::::serviceRole:Reader      # another service's policy
    } | jq -c . | while IFS= read -r b; do
        i=$((i + 1))
        printf '%s\n' "$b" >"hand-$i.json"
        FAKE_IBMCLOUD_STATE=$state ibmcloud iam authorization-policy-create --file "hand-$i.json" >/dev/null ||
            echo "cannot create hand-$i.json"
    done
}
make_hand "$scratch/s2" >make.out 2>&1
[ -s make.out ] && { bad "creating the hand-made account:"; show make.out; }
FAKE_IBMCLOUD_STATE=$scratch/s2 ibmcloud iam authorization-policies --output json >hand-export.json
id_of() { # TARGET_ATTR VALUE: the ID the export gives that policy
    jq -r --arg a "$1" --arg v "$2" '.[] | select(any(.resources[0].attributes[]; .name == $a and .value == $v)) | .id' hand-export.json
}
printf 'account "%s" {\n    backup volumes\n}\n' $hand >hand.authz
"$authzc" plan --live hand-export.json hand.authz >plan2.out 2>plan2.err
rc=$?
cat >plan2.expected <<EOT
= exists ($(id_of instanceId '*')): account $hand: instance as Operator
+ create: account $hand: volume as Operator
~ differs ($(id_of snapshotId '*')): account $hand: snapshot: roles Viewer -> Editor
+ create: account $hand: snapshot-consistency-group as Editor
- extra ($(id_of volumeId r006-0a1b2c3d)): account $hand: volume (volumeId "r006-0a1b2c3d") as Operator (reported, never deleted)
- extra ($(id_of shareId '*')): account $hand: share as Editor, Share Snapshot Operator (reported, never deleted)
Plan: 2 to create, 1 to change, 1 exist, 2 extra (reported, never deleted).
Passed over 1 policy whose subject is not Backup for VPC.
EOT
if [ $rc -eq 1 ] && diff plan2.expected plan2.out >plan2.diff; then ok; else
    bad "the hand-made account's plan (exit $rc):"; show plan2.diff; show plan2.err
fi
"$authzc" plan --format json --live hand-export.json hand.authz >plan2.json 2>/dev/null
if jq -e --arg s "$(id_of snapshotId '*')" '(.create | map(.target)) == ["volume", "snapshot-consistency-group"]
    and (.exists | map(.target)) == ["instance"]
    and (.differs == [{account: .differs[0].account, target: "snapshot", roles: ["Editor"], live_roles: ["Viewer"], id: $s}])
    and (.extra | length) == 2 and all(.extra[]; has("id"))' plan2.json >/dev/null; then ok; else
    bad "plan --format json of the hand-made account:"; show plan2.json
fi
"$authzc" import hand-export.json >hand-imported.authz 2>err || { bad "import of the hand-made account"; show err; }
"$authzc" check hand-imported.authz >hand-check.out 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -q "needs Editor on snapshot.*\[AZ301\]" hand-check.out; then ok; else
    bad "check of the imported hand-made account should report the wrong roles (exit $rc):"
    show hand-check.out
fi

# 4. compile --live: the script creates only what is missing.
"$authzc" compile -t cli --live hand-export.json -o live.sh hand.authz 2>err || { bad "compile -t cli --live"; show err; }
if bash -n live.sh && shellcheck -s bash live.sh >sc.out 2>&1; then ok; else bad "the --live script:"; show sc.out; fi
if FAKE_IBMCLOUD_STATE=$scratch/s2 bash live.sh >live.out 2>&1 &&
    [ "$(grep -c '^created ' live.out)" -eq 2 ] &&
    grep -q "^exists acct_${hand}_instance ($(id_of instanceId '*'))$" live.out &&
    grep -q "^exists acct_${hand}_snapshot ($(id_of snapshotId '*')) with other roles" live.out; then
    ok
else
    bad "the --live script should create 2 policies and report the existing ones:"; show live.out
fi
FAKE_IBMCLOUD_STATE=$scratch/s2 ibmcloud target -c $hand >/dev/null
FAKE_IBMCLOUD_STATE=$scratch/s2 ibmcloud iam authorization-policies --output json >hand-export2.json
if "$authzc" plan --live hand-export2.json hand.authz >plan3.out 2>&1; [ $? -eq 1 ] &&
    grep -q '^Plan: 0 to create, 1 to change, 3 exist, 2 extra' plan3.out; then ok; else
    bad "after the --live script only the wrong roles remain:"; show plan3.out
fi

# 5. Terraform: import blocks for what exists, each naming a resource of the file; hclcheck.
"$authzc" compile -t terraform --live hand-export.json -o live.tf hand.authz 2>err || { bad "compile -t terraform --live"; show err; }
imports=$(grep -c '^import {$' live.tf)
named=0
while IFS= read -r addr; do
    grep -q "^resource \"ibm_iam_authorization_policy\" \"${addr#ibm_iam_authorization_policy.}\" {" live.tf && named=$((named + 1))
done < <(sed -n 's/^  to = //p' live.tf)
if [ "$imports" -eq 2 ] && [ "$named" -eq 2 ]; then ok; else bad "live.tf has $imports import blocks, $named naming a resource (want 2, 2)"; fi
if bash "$src/tests/consumers/build-hclcheck.sh" "$scratch/hc" >hc.log 2>&1; then
    for tf in live.tf "$src"/tests/cases/live/compile-live-terraform*/expected.stdout; do
        if "$scratch/hc/hclcheck" "$tf" >hc.out 2>&1; then ok; else bad "hclcheck rejects $tf:"; show hc.out; fi
    done
else
    bad "cannot build hclcheck:"; show hc.log
fi
finish
