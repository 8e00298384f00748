#!/usr/bin/env bash
# roundtrip.sh AUTHZC SRCDIR SCRATCH - everything `authzc compile` emits lints clean:
#  - every examples/*.authz and examples/*.yaml is compiled to every target (terraform, cli,
#    json and json-v2 with --account-id), to standard output and with -o (a file, or for
#    json a folder);
#  - `authzc lint --fail-on warning` on each output finds nothing (exit 0, only the closing
#    line 'linted N files: 0 errors, 0 warnings');
#  - `authzc lint --intent EXAMPLE --fail-on warning` on each output finds no drift either:
#    the files declare exactly the policies the example compiles to, with the same roles.
set -uo pipefail

if [ $# -ne 3 ]; then
    echo "usage: $0 AUTHZC SRCDIR SCRATCH" >&2
    exit 2
fi
authzc=$1
src=$2
scratch=$3
account=0123456789abcdef0123456789abcdef # stands for `account current` in json
rm -rf "$scratch"
mkdir -p "$scratch"

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() {
    echo "FAIL: $*"
    fail=$((fail + 1))
}

# lint_clean WHAT ARGS...: authzc lint ARGS must exit 0 and print nothing but its closing
# line, which must count no error and no warning.
lint_clean() {
    local what=$1
    shift
    "$authzc" lint --fail-on warning "$@" >"$scratch/lint.out" 2>&1
    local status=$?
    if [ "$status" -eq 0 ] &&
        [ "$(wc -l <"$scratch/lint.out")" -eq 1 ] &&
        grep -qE '^linted [1-9][0-9]* files?: 0 errors, 0 warnings$' "$scratch/lint.out"; then
        ok
    else
        bad "$what: authzc lint $* exits $status:"
        sed 's/^/    /' "$scratch/lint.out" | head -20
    fi
}

for intent in "$src"/examples/*.authz "$src"/examples/*.yaml; do
    [ -f "$intent" ] || continue
    name=$(basename "$intent")
    name=${name%.*}-${intent##*.}
    for target in terraform cli json json-v2; do
        extra=()
        case $target in
        terraform) ext="tf" ;;
        cli) ext="sh" ;;
        *) ext=json extra=(--account-id "$account") ;;
        esac
        base=$scratch/$name.$target
        if ! "$authzc" compile -t "$target" "${extra[@]}" "$intent" >"$base.$ext" 2>"$base.err"; then
            bad "$name ($target): does not compile"; sed 's/^/    /' "$base.err"
            continue
        fi
        out=$base-o.$ext
        [ "$ext" = json ] && out=$base-o
        if ! "$authzc" compile -t "$target" "${extra[@]}" -o "$out" "$intent" 2>"$base.err"; then
            bad "$name ($target): does not compile with -o"; sed 's/^/    /' "$base.err"
            continue
        fi
        for f in "$base.$ext" "$out"; do
            lint_clean "$name ($target)" "$f"
            lint_clean "$name ($target, drift)" --intent "$intent" "$f"
        done
    done
done
echo "roundtrip: every example, every target, linted with and without --intent"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
