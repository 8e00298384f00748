#!/usr/bin/env bash
# fmt.sh AUTHZC SRCDIR SCRATCH - properties of `authzc fmt` over every .authz file of the
# test cases and the examples:
#   - a file with a syntax error: exit 1, an error on standard error, nothing on standard output;
#   - idempotent: fmt of fmt's output is the same bytes;
#   - meaning kept: the file and its formatted text compile to the same JSON (same bytes,
#     same exit status) with the same diagnostics (locations aside);
#   - a file that changes: --check lists it, exits 1 and leaves it alone; --diff prints a
#     diff that `patch -p0` applies to give the formatted text; plain fmt rewrites it so;
#   - every examples/*.authz is formatted already (--check exits 0, prints nothing).
set -euo pipefail
authzc=$1
case $authzc in /*) ;; *) authzc=$PWD/$authzc ;; esac
src=$2
scratch=$3
rm -rf "$scratch"
mkdir -p "$scratch"
pass=0
fail=0
acct=0123456789abcdef0123456789abcdef
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# Diagnostics without their places: "error: message [ID]" lines, sorted.
messages() {
  sed -E -n 's/^[^ ].*: (error|warning|note): /\1: /p' "$1" | sort
}

# Compiles $1 (a .authz file) to target $2; writes $3.out, $3.msg, $3.rc.
compile() {
  local rc=0
  "$authzc" compile -t "$2" --account-id "$acct" "$1" >"$3.out" 2>"$3.err" || rc=$?
  echo "$rc" >"$3.rc"
  messages "$3.err" >"$3.msg"
}

n=0
while IFS= read -r -d '' file; do
  n=$((n + 1))
  name=${file#"$src"/}
  w=$scratch/$n
  mkdir -p "$w"
  rc=0
  "$authzc" fmt - <"$file" >"$w/fmt1" 2>"$w/fmt1.err" || rc=$?
  if [ "$rc" != 0 ]; then
    if [ "$rc" = 1 ] && [ ! -s "$w/fmt1" ] && grep -q ': error: ' "$w/fmt1.err"; then ok
    else bad "$name: fmt exits $rc without a syntax error, or writes output"; fi
    continue
  fi
  "$authzc" fmt - <"$w/fmt1" >"$w/fmt2" 2>&1 || true
  if cmp -s "$w/fmt1" "$w/fmt2"; then ok; else
    bad "$name: fmt is not idempotent"; diff -u "$w/fmt1" "$w/fmt2" | head -20
  fi
  cp "$w/fmt1" "$w/formatted.authz"
  for target in json; do
    compile "$file" "$target" "$w/before.$target"
    compile "$w/formatted.authz" "$target" "$w/after.$target"
    for part in out rc msg; do
      if cmp -s "$w/before.$target.$part" "$w/after.$target.$part"; then ok; else
        bad "$name: fmt changes the $target compile ($part)"
        diff -u "$w/before.$target.$part" "$w/after.$target.$part" | head -20
      fi
    done
  done
  if cmp -s "$file" "$w/fmt1"; then continue; fi
  # A file fmt changes: --check, --diff and the rewrite in place.
  cp "$file" "$w/in.authz"
  rc=0
  (cd "$w" && "$authzc" fmt --check in.authz >check.out 2>check.err) || rc=$?
  if [ "$rc" = 1 ] && [ "$(cat "$w/check.out")" = in.authz ] && cmp -s "$file" "$w/in.authz"; then ok
  else bad "$name: fmt --check exits $rc, prints '$(cat "$w/check.out")' or changes the file"; fi
  rc=0
  (cd "$w" && "$authzc" fmt --diff in.authz >diff.out 2>diff.err) || rc=$?
  if [ "$rc" = 0 ] && cmp -s "$file" "$w/in.authz" &&
     (cd "$w" && patch -s -p0 <diff.out) && cmp -s "$w/in.authz" "$w/fmt1"; then ok
  else bad "$name: fmt --diff exits $rc, or its diff does not patch the file into fmt's output"; fi
  cp "$file" "$w/in.authz"
  if (cd "$w" && "$authzc" fmt in.authz) && cmp -s "$w/in.authz" "$w/fmt1"; then ok
  else bad "$name: fmt FILE does not rewrite the file as fmt - prints it"; fi
done < <(find "$src/tests/cases" "$src/examples" -name '*.authz' -type f -print0 | sort -z)

for ex in "$src"/examples/*.authz; do
  rc=0
  out=$("$authzc" fmt --check "$ex" 2>&1) || rc=$?
  if [ "$rc" = 0 ] && [ -z "$out" ]; then ok; else bad "$ex is not formatted: $out"; fi
done
[ "$n" -gt 100 ] || bad "only $n .authz files found"
echo "fmt: $n files, $pass checks passed, $fail failed"
[ "$fail" = 0 ]
