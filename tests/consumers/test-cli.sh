#!/usr/bin/env bash
# test-cli.sh AUTHZC SRCDIR SCRATCH - bash, shellcheck and a fake ibmcloud
# (tests/consumers/fake-ibmcloud: strict bodies, 409 on duplicates, a state folder that
# records what was created) judge authzc's cli output:
#  - every examples/*.authz and examples/*.yaml, and the hostile-description case, compiles
#    with -t cli to a script that passes `bash -n` and `shellcheck -s bash`;
#  - run against the fake (fresh state, logged in to FAKE_IBMCLOUD_ACCOUNT), the script
#    creates exactly the policies, templates and assignments of `compile -t json
#    --account-id <that account>` for the same intent: the same bodies (jq -S -c), each in
#    the account the JSON says; every template committed and assigned as the JSON says;
#  - a second run succeeds, creates nothing and prints no "created" line;
#  - with FAKE_IBMCLOUD_FAIL_ON hitting one create, the script exits non-zero, prints
#    ibmcloud's answer, and stops there (nothing after it is created);
#  - `account current` with AUTHZC_ACCOUNT_ID creates in that account, as the JSON says;
#  - the hostile description is recorded exactly as written, in every body;
#  - every golden tests/cases/cli/*/expected.stdout passes bash -n and shellcheck.
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
logged_in=abcdef0123456789abcdef0123456789 # the fake's logged-in account
other=fedcba9876543210fedcba98765432ff     # AUTHZC_ACCOUNT_ID in one run

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() {
    echo "FAIL: $*"
    fail=$((fail + 1))
}
show() { sed 's/^/    /' "$1"; }
finish() {
    echo "cli consumer: bash -n, shellcheck and the fake ibmcloud (tests/consumers/fake-ibmcloud)"
    echo "$pass passed, $fail failed"
    if [ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]; then
        exit 0
    fi
    exit 1
}

for tool in jq shellcheck; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "FAIL: $tool is required (Debian package $tool)"
        exit 1
    }
done
[ -x "$fake_dir/ibmcloud" ] || {
    echo "FAIL: no fake ibmcloud at $fake_dir/ibmcloud"
    exit 1
}
case $authzc in /*) ;; *) authzc=$PWD/$authzc ;; esac
rm -rf "$scratch"
mkdir -p "$scratch"

# run_script SCRIPT STATE [VAR=VALUE...]: runs SCRIPT with the fake first on PATH and a
# fresh or kept state; its stdout and stderr go to STATE.stdout and STATE.stderr.
run_script() {
    local script=$1 state=$2
    shift 2
    env -u AUTHZC_ACCOUNT_ID -u FAKE_IBMCLOUD_FAIL_ON PATH="$fake_dir:$PATH" \
        FAKE_IBMCLOUD_STATE="$state" FAKE_IBMCLOUD_ACCOUNT="$logged_in" "$@" \
        bash "$script" >"$state.stdout" 2>"$state.stderr"
}

# jsonl_or_empty FILE: the file, or nothing when the fake never wrote it.
jsonl_or_empty() { if [ -f "$1" ]; then cat "$1"; fi; }

# lines KIND expected DOC | lines KIND recorded STATE: canonical, sorted lines of what the
# json target says (DOC) or the fake recorded (STATE). KIND: policies, templates (body and
# account), assignments (template IAM name, version, target).
lines() {
    case $1/$2 in
        policies/expected) jq -S -c '.policies[] | {account, body}' "$3" ;;
        policies/recorded) jsonl_or_empty "$3/policies.jsonl" | jq -S -c '{account, body}' ;;
        templates/expected) jq -S -c '.templates[] | {account, body}' "$3" ;;
        templates/recorded) jsonl_or_empty "$3/templates.jsonl" | jq -S -c '{account, body}' ;;
        assignments/expected)
            jq -S -c '.assignments[] | {template, version: .body.templates[0].version,
                                        target: .body.target}' "$3"
            ;;
        assignments/recorded)
            jsonl_or_empty "$3/templates.jsonl" >"$3.templates"
            jsonl_or_empty "$3/assignments.jsonl" |
                jq -S -c --slurpfile t "$3.templates" \
                    '. as $a | {template: ([$t[] | select(.id == $a.template.id) | .name] | first),
                                version: .template.version, target}'
            ;;
    esac | LC_ALL=C sort
}

# compare WHAT KIND DOC STATE: the same lines on both sides, or a diff.
compare() {
    if diff <(lines "$2" expected "$3") <(lines "$2" recorded "$4") >"$scratch/diff.out"; then
        ok
    else
        bad "$1 (< expected from the json target, > recorded by the fake):"
        show "$scratch/diff.out"
    fi
}

# check_intent WHAT INPUT: the whole story for one intent. Leaves $w (its work folder).
check_intent() {
    local what=$1 input=$2 script n_created
    w=$scratch/${what//[^A-Za-z0-9._-]/_}
    rm -rf "$w"
    mkdir -p "$w"
    script=$w/script.sh
    if ! "$authzc" compile -t cli "$input" >"$script" 2>"$w/compile.err"; then
        bad "$what does not compile to a script:"
        show "$w/compile.err"
        return 1
    fi
    if [ -s "$w/compile.err" ]; then
        bad "$what compiles with diagnostics (it must be clean):"
        show "$w/compile.err"
    fi
    if bash -n "$script" 2>"$w/bash-n.err"; then ok; else
        bad "$what: bash -n rejects the script:"
        show "$w/bash-n.err"
    fi
    if shellcheck -s bash "$script" >"$w/shellcheck.out" 2>&1; then ok; else
        bad "$what: shellcheck -s bash complains:"
        show "$w/shellcheck.out"
    fi
    if ! "$authzc" compile -t json --account-id "$logged_in" "$input" >"$w/doc.json" \
        2>"$w/json.err"; then
        bad "$what does not compile to json:"
        show "$w/json.err"
        return 1
    fi

    # First run: exactly what the JSON says, in the accounts it says.
    local state=$w/state
    if ! run_script "$script" "$state"; then
        bad "$what: the script fails against the fake:"
        show "$state.stderr"
        return 1
    fi
    ok
    cp "$state.stdout" "$w/first.stdout"
    compare "$what: policies" policies "$w/doc.json" "$state"
    compare "$what: templates" templates "$w/doc.json" "$state"
    compare "$what: assignments" assignments "$w/doc.json" "$state"
    if [ -s "$state/templates.jsonl" ]; then
        if jq -e -s 'all(.committed == true)' "$state/templates.jsonl" >/dev/null; then
            ok
        else
            bad "$what: a template was left uncommitted"
        fi
    fi
    n_created=$(jq '(.policies | length) + (.templates | length) + (.assignments | length)' \
        "$w/doc.json")
    if [ "$(grep -c '^created ' "$state.stdout")" -eq "$n_created" ]; then
        ok
    else
        bad "$what: expected $n_created \"created\" lines, got:"
        show "$state.stdout"
    fi

    # Second run: succeeds, creates nothing.
    mkdir -p "$w/before"
    cp "$state"/*.jsonl "$w/before/" 2>/dev/null
    if ! run_script "$script" "$state"; then
        bad "$what: the second run fails:"
        show "$state.stderr"
    elif grep -q '^created ' "$state.stdout"; then
        bad "$what: the second run created something:"
        show "$state.stdout"
    else
        local f changed=0
        for f in "$state"/*.jsonl; do
            cmp -s "$f" "$w/before/$(basename "$f")" || changed=1
        done
        if [ "$changed" -eq 0 ]; then ok; else bad "$what: the second run changed the state"; fi
    fi
    return 0
}

# check_failure WHAT: with the second policy's (or the first template's) create failing,
# the script stops right there. Uses $w and the first run's output from check_intent.
check_failure() {
    local what=$1 victim state="$w/failing" prefix
    victim=$(jq -r '[.policies[].name] as $p | ([.templates[].name] | first) as $t
                    | if ($p | length) >= 2 then $p[1] elif ($p | length) == 1 then $p[0]
                      else $t end // empty' "$w/doc.json")
    [ -n "$victim" ] || return 0
    if run_script "$w/script.sh" "$state" FAKE_IBMCLOUD_FAIL_ON="/$victim.json"; then
        bad "$what: the script succeeds although creating $victim fails"
        return 1
    fi
    ok
    if grep -q 'internal_server_error' "$state.stderr"; then ok; else
        bad "$what: the failing run does not print ibmcloud's answer on stderr:"
        show "$state.stderr"
    fi
    # Its output is the full run's output up to the victim, and the victim's create is
    # the last ibmcloud iam call.
    prefix=$(sed "/^created $victim\$/,\$d" "$w/first.stdout")
    if [ "$(cat "$state.stdout")" == "$prefix" ]; then ok; else
        bad "$what: the failing run did not stop at $victim:"
        show "$state.stdout"
    fi
    if grep ' iam ' "$state/calls.log" | tail -n 1 | grep -q "/$victim\.json"; then ok; else
        bad "$what: ibmcloud was called again after the failing create of $victim:"
        show "$state/calls.log"
    fi
}

# 1. Every example, both spellings, and the mixed-accounts case (an account, `current`
# after it, a child: the script must come back to the account of `current`).
shopt -s nullglob
examples=("$src"/examples/*.authz "$src"/examples/*.yaml)
[ ${#examples[@]} -gt 0 ] || bad "no examples found in $src/examples"
examples+=("$src/tests/cases/cli/mixed-accounts/input.authz")
template_seen=0
for input in "${examples[@]}"; do
    name=${input#"$src"/}
    check_intent "$name" "$input" || continue
    check_failure "$name"
    if [ -s "$w/state/templates.jsonl" ]; then
        template_seen=1
        # Commit and assign went through ibmcloud, one commit per template.
        n=$(jq '.templates | length' "$w/doc.json")
        if [ "$(grep -c 'authorization-policy-template-version-commit' "$w/state/calls.log")" -ge "$n" ]; then
            ok
        else
            bad "$name: not every template was committed with ibmcloud"
        fi
    fi
    # `account current` named by AUTHZC_ACCOUNT_ID: created there, bodies as the JSON says.
    if grep -q "@AUTHZC_ACCOUNT_ID@" "$w/script.sh"; then
        "$authzc" compile -t json --account-id "$other" "$input" >"$w/other.json" 2>/dev/null
        if run_script "$w/script.sh" "$w/other" AUTHZC_ACCOUNT_ID="$other"; then
            compare "$name with AUTHZC_ACCOUNT_ID: policies" policies \
                "$w/other.json" "$w/other"
        else
            bad "$name with AUTHZC_ACCOUNT_ID fails:"
            show "$w/other.stderr"
        fi
    fi
done
[ "$template_seen" -eq 1 ] || bad "no example created a template"

# 2. The hostile description: the same story, and recorded exactly as written.
hostile=$src/tests/cases/cli/hostile-description
if [ ! -f "$hostile/input.authz" ] || [ ! -f "$hostile/intended.txt" ]; then
    bad "missing $hostile/input.authz or intended.txt"
elif check_intent "hostile-description" "$hostile/input.authz"; then
    check_failure "hostile-description"
    intended=$(cat "$hostile/intended.txt"; printf x)
    intended=${intended%x}
    intended=${intended%$'\n'}
    descriptions=$w/descriptions.json
    {
        jsonl_or_empty "$w/state/policies.jsonl" | jq -c '.body.description'
        jsonl_or_empty "$w/state/templates.jsonl" | jq -c '.body.description, .body.policy.description'
    } | jq -s 'map(select(. != null))' >"$descriptions"
    count=$(jq length "$descriptions")
    [ "$count" -gt 0 ] || bad "hostile-description: nothing recorded a description"
    for ((i = 0; i < count; i++)); do
        got=$(jq -j --argjson i "$i" '.[$i]' "$descriptions"; printf x)
        got=${got%x}
        if [ "$got" == "$intended" ]; then ok; else
            bad "hostile-description: recorded description $((i + 1)) differs:"
            printf '    intended: %q\n    recorded: %q\n' "$intended" "$got"
        fi
    done
fi

# 3. Every golden script.
goldens=("$src"/tests/cases/cli/*/expected.stdout)
[ ${#goldens[@]} -gt 0 ] || bad "no golden scripts found under tests/cases/cli"
for golden in "${goldens[@]}"; do
    case_name=$(basename "$(dirname "$golden")")
    if bash -n "$golden" 2>"$scratch/bash-n.err" &&
        shellcheck -s bash "$golden" >"$scratch/shellcheck.out" 2>&1; then
        ok
    else
        bad "tests/cases/cli/$case_name: expected.stdout fails bash -n or shellcheck:"
        show "$scratch/bash-n.err"
        show "$scratch/shellcheck.out"
    fi
done
finish
