#!/usr/bin/env bash
# test-terraform.sh AUTHZC SRCDIR SCRATCH - HashiCorp's own HCL library judges authzc's
# Terraform output (tests/consumers/hclcheck, built into SCRATCH):
#  - every examples/*.authz and examples/*.yaml compiles with -t terraform, and the .tf
#    parses, is byte-identical to hclwrite.Format of itself (terraform fmt layout), and
#    translates (hclcheck -v2) into the bodies the IBM provider would send;
#  - every golden tests/cases/terraform/*/expected.stdout passes the same two checks;
#  - for every examples/*.authz, the bodies hclcheck -v2 derives from the .tf equal the
#    json-v2 target's bodies (the two outputs are the same policies);
#  - every golden module folder (tests/cases/terraform/*/expected.out with a versions.tf) and
#    every example compiled with -o DIR/ (and --wait) passes hclcheck -module (each file in
#    terraform fmt layout; IBM-Cloud/ibm; provider aliases declared; outputs refer to what
#    exists; `ready` after every authorization and the time_sleep), its main.tf translates
#    (-v2), and the usage block of its README.md is HCL in terraform fmt layout;
#  - examples/terraform-root/main.tf (the root module README.md shows) is in terraform fmt
#    layout, README.md holds it verbatim, it passes every provider alias of the module it
#    calls, and depends on module.backup_authorizations.ready;
#  - the hostile-description case: every description the provider would send is
#    byte-identical to the intended text (hostile-description/intended.txt),
#    so quotes, backslashes, "${", "%{" and non-ASCII text cannot change what the file means.
# Prints one line per problem and a final "N passed, M failed"; exits non-zero on any problem.
set -uo pipefail

if [ $# -ne 3 ]; then
    echo "usage: $0 AUTHZC SRCDIR SCRATCH" >&2
    exit 2
fi
authzc=$1
src=$2
scratch=$3

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() {
    echo "FAIL: $*"
    fail=$((fail + 1))
}
# show FILE: a problem's details, indented.
show() { sed 's/^/    /' "$1"; }
finish() {
    echo "terraform consumer: hclcheck (HCL parser, hclwrite.Format, provider v2 bodies)"
    echo "$pass passed, $fail failed"
    if [ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]; then
        exit 0
    fi
    exit 1
}

command -v jq >/dev/null 2>&1 || {
    echo "FAIL: jq is required (Debian package jq)"
    exit 1
}
rm -rf "$scratch"
mkdir -p "$scratch"
if ! bash "$src/tests/consumers/build-hclcheck.sh" "$scratch" >"$scratch/build.log" 2>&1; then
    echo "FAIL: cannot build hclcheck:"
    show "$scratch/build.log"
    exit 1
fi
hclcheck=$scratch/hclcheck

# check_tf WHAT FILE: parses, is in canonical layout, and translates into provider bodies.
check_tf() {
    local what=$1 file=$2
    if ! "$hclcheck" "$file" >"$scratch/check.out" 2>&1; then
        bad "$what: hclcheck rejects it:"
        show "$scratch/check.out"
        return 1
    fi
    if ! "$hclcheck" -v2 "$file" >"$scratch/v2.json" 2>"$scratch/v2.err"; then
        bad "$what: hclcheck -v2 cannot translate it:"
        show "$scratch/v2.err"
        return 1
    fi
    if ! jq -e '(.policies | length) + (.templates | length) > 0' "$scratch/v2.json" \
        >/dev/null; then
        bad "$what: holds no policy and no template"
        return 1
    fi
    ok
}

# 1. Every example, in both spellings.
shopt -s nullglob
examples=("$src"/examples/*.authz "$src"/examples/*.yaml)
[ ${#examples[@]} -gt 0 ] || bad "no examples found in $src/examples"
for input in "${examples[@]}"; do
    name=$(basename "$input")
    out=$scratch/example-$name.tf
    if ! "$authzc" compile -t terraform "$input" >"$out" 2>"$scratch/compile.err"; then
        bad "examples/$name does not compile to terraform:"
        show "$scratch/compile.err"
        continue
    fi
    if [ -s "$scratch/compile.err" ]; then
        bad "examples/$name compiles with diagnostics (an example must be clean):"
        show "$scratch/compile.err"
        continue
    fi
    check_tf "examples/$name" "$out"
done

# 2. Every Terraform golden.
goldens=("$src"/tests/cases/terraform/*/expected.stdout)
[ ${#goldens[@]} -gt 0 ] || bad "no golden cases found under tests/cases/terraform"
for golden in "${goldens[@]}"; do
    case_name=$(basename "$(dirname "$golden")")
    grep -q -- '--help' "$(dirname "$golden")/cmd" && continue # usage text, not Terraform
    check_tf "tests/cases/terraform/$case_name" "$golden"
done

# 3. Terraform and the JSON target are the same policies: what the provider would send for the
#    .tf (hclcheck -v2) equals the json-v2 bodies, policy by policy, template by template.
#    (`current` is pinned with --account-id so both name the same account; a template's
#    committed flag and account_id are left out: the provider sets them, the JSON target
#    commits with a separate call.)
acct=0123456789abcdef0123456789abcdef
same='{policies: [(.policies // [])[] | {name, body}],
       templates: [(.templates // [])[] | {name, body: (.body | del(.committed, .account_id))}],
       assignments: [(.assignments // [])[] | {name, target: .body.target}]}'
for input in "$src"/examples/*.authz; do
    name=$(basename "$input")
    tf=$scratch/same-$name.tf
    js=$scratch/same-$name.json
    if ! "$authzc" compile -t terraform --account-id "$acct" "$input" >"$tf" \
        2>"$scratch/compile.err" ||
        ! "$authzc" compile -t json-v2 --account-id "$acct" "$input" >"$js" \
            2>"$scratch/compile.err"; then
        bad "examples/$name does not compile to terraform and json-v2 with --account-id:"
        show "$scratch/compile.err"
        continue
    fi
    if ! "$hclcheck" -v2 "$tf" >"$scratch/same.v2" 2>"$scratch/v2.err"; then
        bad "examples/$name (--account-id): hclcheck -v2 cannot translate it:"
        show "$scratch/v2.err"
        continue
    fi
    if ! jq -S "$same" "$scratch/same.v2" >"$scratch/same.tf.norm" ||
        ! jq -S "$same" "$js" >"$scratch/same.json.norm"; then
        bad "examples/$name: jq cannot read the translated bodies"
        continue
    fi
    if diff -u "$scratch/same.json.norm" "$scratch/same.tf.norm" >"$scratch/same.diff"; then
        ok
    else
        bad "examples/$name: Terraform and json-v2 are not the same policies (- json-v2, + terraform):"
        head -40 "$scratch/same.diff" | show /dev/stdin
    fi
done

# 5. Module folders: the goldens and every example compiled as a module, with and without --wait.
# check_module WHAT DIR: hclcheck -module, main.tf translates, README's usage block is fmt HCL.
check_module() {
    local what=$1 dir=$2
    if ! "$hclcheck" -module "$dir" >"$scratch/check.out" 2>&1; then
        bad "$what: hclcheck -module rejects it:"
        show "$scratch/check.out"
        return
    fi
    if ! "$hclcheck" -v2 "$dir/main.tf" >/dev/null 2>"$scratch/v2.err"; then
        bad "$what: hclcheck -v2 cannot translate main.tf:"
        show "$scratch/v2.err"
        return
    fi
    awk '/^```hcl$/ {on = 1; next} /^```$/ {on = 0} on' "$dir/README.md" >"$scratch/usage.tf"
    if ! grep -q 'module "backup_authorizations"' "$scratch/usage.tf" ||
        ! grep -q 'depends_on = \[module.backup_authorizations.ready\]' "$scratch/usage.tf"; then
        bad "$what: README.md has no usage block with the module call and depends_on"
        return
    fi
    if ! "$hclcheck" "$scratch/usage.tf" >"$scratch/check.out" 2>&1; then
        bad "$what: the usage block of README.md is not HCL in terraform fmt layout:"
        show "$scratch/check.out"
        return
    fi
    ok
}
for folder in "$src"/tests/cases/terraform/*/expected.out; do
    [ -f "$folder/versions.tf" ] || continue
    check_module "tests/cases/terraform/$(basename "$(dirname "$folder")")" "$folder"
done
for input in "${examples[@]}"; do
    name=$(basename "$input")
    for wait in "" 45s; do
        dir=$scratch/module-$name${wait:+-wait}
        rm -rf "$dir"
        if ! "$authzc" compile -t terraform ${wait:+--wait "$wait"} -o "$dir/" "$input" \
            2>"$scratch/compile.err"; then
            bad "examples/$name does not compile to a module${wait:+ with --wait}:"
            show "$scratch/compile.err"
            continue
        fi
        check_module "examples/$name as a module${wait:+ with --wait}" "$dir"
    done
done
# Deterministic: a DSL example and its YAML twin, compiled into two folders of the same
# name, give byte-identical modules.
for input in "$src"/examples/*.authz; do
    twin=${input%.authz}.yaml
    [ -f "$twin" ] || continue
    name=$(basename "$input")
    rm -rf "$scratch/twin-a" "$scratch/twin-b"
    mkdir -p "$scratch/twin-a" "$scratch/twin-b"
    if "$authzc" compile -t terraform --wait 30s -o "$scratch/twin-a/authz/" "$input" 2>/dev/null &&
        "$authzc" compile -t terraform --wait 30s -o "$scratch/twin-b/authz/" "$twin" 2>/dev/null &&
        diff -r "$scratch/twin-a/authz" "$scratch/twin-b/authz" >"$scratch/twin.diff"; then
        ok
    else
        bad "examples/$name: the module differs from its YAML twin's (or does not compile):"
        head -20 "$scratch/twin.diff" | show /dev/stdin
    fi
done

# 6. The root-module example the README shows, against the module it calls.
root=$src/examples/terraform-root/main.tf
if ! "$hclcheck" "$root" >"$scratch/check.out" 2>&1; then
    bad "examples/terraform-root/main.tf is not HCL in terraform fmt layout:"
    show "$scratch/check.out"
elif ! awk -v f="$root" 'BEGIN { while ((getline l < f) > 0) want = want l "\n" }
        { all = all $0 "\n" } END { exit index(all, want) ? 0 : 1 }' "$src/README.md"; then
    bad "README.md does not show examples/terraform-root/main.tf verbatim"
elif ! grep -q '^  depends_on = \[module.backup_authorizations.ready\]$' "$root"; then
    bad "examples/terraform-root/main.tf: the backup policy does not depend on module.backup_authorizations.ready"
else
    called=$scratch/root-module
    rm -rf "$called"
    if ! "$authzc" compile -t terraform --wait 30s -o "$called/" "$src/examples/enterprise-child.authz" \
        2>"$scratch/compile.err"; then
        bad "examples/enterprise-child.authz does not compile to a module:"
        show "$scratch/compile.err"
    else
        missing=0
        while read -r alias; do
            if ! grep -q "^    $alias *= ibm\.account_" "$root"; then
                bad "examples/terraform-root/main.tf does not pass $alias to the module"
                missing=1
            fi
        done < <(grep -o 'ibm\.account_[0-9a-f]*' "$called/versions.tf")
        [ $missing = 1 ] || ok
    fi
fi

# 4. The hostile description survives the trip through HCL unchanged.
hostile=$src/tests/cases/terraform/hostile-description
if [ ! -f "$hostile/input.authz" ] || [ ! -f "$hostile/intended.txt" ]; then
    bad "missing $hostile/input.authz or intended.txt"
    finish
fi
out=$scratch/hostile.tf
if ! "$authzc" compile -t terraform "$hostile/input.authz" >"$out" 2>"$scratch/compile.err"; then
    bad "the hostile-description case does not compile:"
    show "$scratch/compile.err"
    finish
fi
check_tf "hostile-description" "$out" || finish
# intended.txt holds the text and one newline (which is not part of the text).
intended=$(cat "$hostile/intended.txt"; printf x)
intended=${intended%x}
intended=${intended%$'\n'}
count=$(jq '[.policies[].body.description, .templates[].body.description,
             .templates[].body.policy.description] | map(select(. != null)) | length' \
    "$scratch/v2.json")
if [ "$count" -eq 0 ]; then
    bad "hostile-description: the provider would send no description at all"
fi
for ((i = 0; i < count; i++)); do
    # jq -j writes the decoded string with no newline; the x keeps trailing newlines.
    sent=$(jq -j --argjson i "$i" '[.policies[].body.description, .templates[].body.description,
            .templates[].body.policy.description] | map(select(. != null)) | .[$i]' \
        "$scratch/v2.json"; printf x)
    sent=${sent%x}
    if [ "$sent" == "$intended" ]; then
        ok
    else
        bad "hostile-description: description $((i + 1)) the provider would send differs:"
        printf '    intended: %q\n    sent:     %q\n' "$intended" "$sent"
    fi
done
finish
