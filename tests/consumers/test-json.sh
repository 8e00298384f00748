#!/usr/bin/env bash
# test-json.sh AUTHZC SRCDIR SCRATCH - jansson (tests/consumers/jsoncheck.c, built into
# SCRATCH) and jq judge authzc's json and json-v2 output:
#  - every examples/*.authz and examples/*.yaml compiles with -t json and -t json-v2 (with
#    --account-id when it uses `account current`, which must otherwise fail with AZ407 and
#    write nothing), to standard output and with -o DIR;
#  - the document passes `jsoncheck --shape document`, the folder `--shape index`, and the
#    format (v1 or v2) of every policy body is the one asked for;
#  - every body of the document equals its file in the folder (jq -S), with the same names,
#    accounts and templates, in the same order, and the folder holds nothing else;
#  - compiling twice gives identical bytes, both ways;
#  - -o into a read-only folder, into a folder that cannot be created and under a regular
#    file exits 2 and leaves nothing behind (an existing folder keeps its content);
#  - every golden tests/cases/json/*/expected.stdout and expected.out/ passes jsoncheck;
#  - the hostile-description case reaches every body exactly as written.
# Prints one line per problem and a final "N passed, M failed"; exits non-zero on any problem.
set -uo pipefail

if [ $# -ne 3 ]; then
    echo "usage: $0 AUTHZC SRCDIR SCRATCH" >&2
    exit 2
fi
authzc=$1
src=$2
scratch=$3
account=0123456789abcdef0123456789abcdef # stands for `account current`

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() {
    echo "FAIL: $*"
    fail=$((fail + 1))
}
show() { sed 's/^/    /' "$1"; }
finish() {
    echo "json consumer: jsoncheck (jansson, JSON_REJECT_DUPLICATES, IAM shapes) and jq"
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
case $authzc in /*) ;; *) authzc=$PWD/$authzc ;; esac
rm -rf "$scratch"
mkdir -p "$scratch"
if ! flags=$(pkg-config --cflags --libs jansson); then
    echo "FAIL: pkg-config cannot find jansson (libjansson-dev)"
    exit 1
fi
# shellcheck disable=SC2086 # $flags is a list of compiler flags
if ! "${CC:-cc}" -std=c11 -Wall -Wextra -Wpedantic -O2 -o "$scratch/jsoncheck" \
    "$src/tests/consumers/jsoncheck.c" $flags >"$scratch/build.log" 2>&1; then
    echo "FAIL: cannot build jsoncheck:"
    show "$scratch/build.log"
    exit 1
fi
jsoncheck=$scratch/jsoncheck

# entries_doc DOC: one canonical line per entry of a stdout document, in order.
entries_doc() {
    jq -S -c '(.policies[], .templates[], .assignments[])
              | {name, account, template, body}' "$1"
}

# entries_dir DIR: the same lines rebuilt from DIR/index.json and the files it lists.
entries_dir() {
    local dir=$1 name file acct tmpl
    jq -r '(.policies[], .templates[], .assignments[])
           | [.name, .file, (.account // ""), (.template // "")] | join("|")' "$dir/index.json" |
        while IFS='|' read -r name file acct tmpl; do
            jq -S -c --arg n "$name" --arg a "$acct" --arg t "$tmpl" \
                '{name: $n, account: (if $a == "" then null else $a end),
                  template: (if $t == "" then null else $t end), body: .}' "$dir/$file"
        done
}

# check_dir DIR FORMAT WHAT: the folder passes jsoncheck, says its format, and holds
# exactly index.json and the files it lists.
check_dir() {
    local dir=$1 format=$2 what=$3
    if ! "$jsoncheck" --shape index "$dir/index.json" >"$scratch/check.out" 2>&1; then
        bad "$what: jsoncheck --shape index rejects the folder:"
        show "$scratch/check.out"
        return 1
    fi
    if [ "$(jq -r .format "$dir/index.json")" != "$format" ]; then
        bad "$what: index.json says format $(jq -c .format "$dir/index.json"), not $format"
        return 1
    fi
    local listed present
    listed=$( (echo index.json; jq -r '(.policies[], .templates[], .assignments[]) | .file' \
        "$dir/index.json") | LC_ALL=C sort)
    present=$(cd "$dir" && find . -mindepth 1 | sed 's|^\./||' | LC_ALL=C sort)
    if [ "$listed" != "$present" ]; then
        bad "$what: the folder holds other files than index.json lists:"
        diff <(echo "$listed") <(echo "$present") | sed 's/^/    /'
        return 1
    fi
    ok
}

# check_format DOC FORMAT WHAT: every policy body is a v1 (subjects) or v2 (subject) body.
check_format() {
    local doc=$1 format=$2 what=$3 key=subjects
    [ "$format" = v2 ] && key=subject
    if jq -e --arg k "$key" '.policies | all(.body | has($k))' "$doc" >/dev/null; then
        ok
    else
        bad "$what: some policy body is not a $format body"
    fi
}

# no_leftovers DIR WHAT: no temporary folder is left beside the outputs in DIR.
no_leftovers() {
    if find "$1" -maxdepth 1 -name '*.tmp-*' | grep -q .; then
        bad "$2: a temporary folder was left behind:"
        find "$1" -maxdepth 1 -name '*.tmp-*' | sed 's/^/    /'
    else
        ok
    fi
}

# 1. Every example, both spellings, both formats, both ways.
shopt -s nullglob
examples=("$src"/examples/*.authz "$src"/examples/*.yaml)
[ ${#examples[@]} -gt 0 ] || bad "no examples found in $src/examples"
for input in "${examples[@]}"; do
    name=$(basename "$input")
    for target in json json-v2; do
        format=v1
        [ "$target" = json-v2 ] && format=v2
        what="examples/$name ($target)"
        w=$scratch/$name.$target
        mkdir -p "$w"
        extra=()
        "$authzc" compile -t "$target" "$input" >"$w/plain.out" 2>"$w/plain.err"
        status=$?
        if grep -q 'AZ407' "$w/plain.err"; then
            # `account current`: an error, nothing written, until --account-id says which.
            if [ "$status" -ne 1 ] || [ -s "$w/plain.out" ]; then
                bad "$what: without --account-id: exit $status and $(wc -c <"$w/plain.out") bytes on stdout, expected exit 1 and nothing"
            else
                ok
            fi
            extra=(--account-id "$account")
        fi
        if ! "$authzc" compile -t "$target" "${extra[@]}" "$input" >"$w/doc.json" \
            2>"$w/compile.err"; then
            bad "$what does not compile:"
            show "$w/compile.err"
            continue
        fi
        if [ -s "$w/compile.err" ]; then
            bad "$what compiles with diagnostics (an example must be clean):"
            show "$w/compile.err"
        fi
        if "$jsoncheck" --shape document "$w/doc.json" >"$scratch/check.out" 2>&1; then
            ok
        else
            bad "$what: jsoncheck --shape document rejects the document:"
            show "$scratch/check.out"
        fi
        if jq -e '(.policies | length) + (.templates | length) > 0' "$w/doc.json" >/dev/null; then
            ok
        else
            bad "$what: holds no policy and no template"
        fi
        check_format "$w/doc.json" "$format" "$what"
        if ! "$authzc" compile -t "$target" "${extra[@]}" -o "$w/out" "$input" \
            >"$w/dir.stdout" 2>"$w/dir.err"; then
            bad "$what -o DIR does not compile:"
            show "$w/dir.err"
            continue
        fi
        if [ -s "$w/dir.stdout" ] || [ -s "$w/dir.err" ]; then
            bad "$what -o DIR printed something:"
            show "$w/dir.stdout"
            show "$w/dir.err"
        fi
        no_leftovers "$w" "$what -o DIR"
        check_dir "$w/out" "$format" "$what -o DIR"
        if diff <(entries_doc "$w/doc.json") <(entries_dir "$w/out") >"$scratch/diff.out"; then
            ok
        else
            bad "$what: the document and the folder differ (names, accounts or bodies):"
            show "$scratch/diff.out"
        fi
        # Deterministic: the same bytes again, both ways (the second -o fills the folder).
        "$authzc" compile -t "$target" "${extra[@]}" "$input" >"$w/doc2.json" 2>/dev/null
        if cmp -s "$w/doc.json" "$w/doc2.json"; then ok; else bad "$what: two compiles differ"; fi
        cp -R "$w/out" "$w/out.first"
        if "$authzc" compile -t "$target" "${extra[@]}" -o "$w/out" "$input" 2>"$w/dir2.err" &&
            diff -r "$w/out.first" "$w/out" >"$scratch/diff.out"; then
            ok
        else
            bad "$what: compiling into the existing folder again changed it or failed:"
            show "$w/dir2.err"
            show "$scratch/diff.out"
        fi
        no_leftovers "$w" "$what -o DIR again"
    done
done

# 2. Outputs that cannot be written: exit 2, a message, nothing left behind.
example=$src/examples/account.authz
f=$scratch/unwritable
mkdir -p "$f"
# expect_fail2 WHAT CMD...: runs CMD (an authzc run) and wants exit 2 and a message.
expect_fail2() {
    local what=$1 status
    shift
    "$@" >"$f/stdout" 2>"$f/stderr"
    status=$?
    if [ "$status" -eq 2 ] && [ -s "$f/stderr" ] && [ ! -s "$f/stdout" ]; then
        ok
    else
        bad "$what: exit $status (expected 2 and a message on stderr):"
        show "$f/stderr"
    fi
}
# Under a regular file.
echo "not a folder" >"$f/file"
expect_fail2 "-o under a regular file" "$authzc" compile -t json -o "$f/file/out" "$example"
expect_fail2 "-o naming a regular file" "$authzc" compile -t json -o "$f/file" "$example"
if [ "$(cat "$f/file")" = "not a folder" ] && [ -z "$(find "$f" -name '*.tmp-*')" ]; then
    ok
else
    bad "-o under or onto a regular file changed it or left something behind"
fi
# Read-only folders. root ignores permissions, so as root authzc runs as nobody.
as_user=()
if [ "$(id -u)" -eq 0 ]; then
    if command -v setpriv >/dev/null 2>&1 &&
        setpriv --reuid=65534 --regid=65534 --clear-groups "$authzc" --version \
            >/dev/null 2>&1; then
        as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
        cp "$example" "$f/account.authz"
        chmod 0755 "$f"
        chmod 0644 "$f/account.authz"
        example=$f/account.authz
    else
        echo "SKIP: read-only folders (root, and authzc cannot run as nobody with setpriv)"
        finish
    fi
fi
# (a) the folder does not exist and its parent is read-only.
mkdir -p "$f/ro"
chmod 0555 "$f/ro"
expect_fail2 "-o DIR in a read-only folder" "${as_user[@]}" "$authzc" compile -t json \
    -o "$f/ro/out" "$example"
if [ -z "$(ls -A "$f/ro")" ]; then ok; else bad "-o DIR in a read-only folder left files"; fi
# (b) the folder exists and is read-only: its content stays as it was.
mkdir -p "$f/rw/out"
echo "keep" >"$f/rw/out/old.json"
chmod 0777 "$f/rw"
chmod 0555 "$f/rw/out"
expect_fail2 "-o into a read-only folder" "${as_user[@]}" "$authzc" compile -t json-v2 \
    -o "$f/rw/out" "$example"
if [ "$(ls -A "$f/rw/out")" = old.json ] && [ "$(cat "$f/rw/out/old.json")" = keep ] &&
    [ "$(ls -A "$f/rw")" = out ]; then
    ok
else
    bad "-o into a read-only folder changed it or left files beside it:"
    find "$f/rw" -ls | sed 's/^/    /'
fi
chmod 0755 "$f/ro" "$f/rw/out"

# 3. Every golden document and folder.
goldens=("$src"/tests/cases/json/*/expected.stdout)
[ ${#goldens[@]} -gt 0 ] || bad "no golden documents found under tests/cases/json"
for golden in "${goldens[@]}"; do
    case_name=$(basename "$(dirname "$golden")")
    if "$jsoncheck" --shape document "$golden" >"$scratch/check.out" 2>&1; then
        ok
    else
        bad "tests/cases/json/$case_name: jsoncheck rejects expected.stdout:"
        show "$scratch/check.out"
    fi
done
for dir in "$src"/tests/cases/json/*/expected.out; do
    case_name=$(basename "$(dirname "$dir")")
    if "$jsoncheck" --shape index "$dir/index.json" >"$scratch/check.out" 2>&1; then
        ok
    else
        bad "tests/cases/json/$case_name: jsoncheck rejects expected.out/:"
        show "$scratch/check.out"
    fi
done

# 4. The hostile description reaches every body exactly as written.
hostile=$src/tests/cases/json/hostile-description
if [ ! -f "$hostile/input.authz" ] || [ ! -f "$hostile/intended.txt" ]; then
    bad "missing $hostile/input.authz or intended.txt"
    finish
fi
intended=$(cat "$hostile/intended.txt"; printf x)
intended=${intended%x}
intended=${intended%$'\n'}
for target in json json-v2; do
    doc=$scratch/hostile.$target.json
    if ! "$authzc" compile -t "$target" --account-id "$account" "$hostile/input.authz" \
        >"$doc" 2>"$scratch/compile.err"; then
        bad "hostile-description ($target) does not compile:"
        show "$scratch/compile.err"
        continue
    fi
    descriptions='[.policies[].body.description, .templates[].body.description,
                   .templates[].body.policy.description] | map(select(. != null))'
    count=$(jq "$descriptions | length" "$doc")
    [ "$count" -gt 0 ] || bad "hostile-description ($target): no description at all"
    for ((i = 0; i < count; i++)); do
        got=$(jq -j --argjson i "$i" "$descriptions | .[\$i]" "$doc"; printf x)
        got=${got%x}
        if [ "$got" == "$intended" ]; then
            ok
        else
            bad "hostile-description ($target): description $((i + 1)) differs:"
            printf '    intended: %q\n    written:  %q\n' "$intended" "$got"
        fi
    done
done
finish
