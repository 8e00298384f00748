#!/usr/bin/env bash
# twins.sh AUTHZC SRCDIR SCRATCH - the DSL and YAML spellings of every example compile to
# byte-identical output in every target, and compiling twice gives the same bytes.
set -euo pipefail
authzc=$1
src=$2
scratch=$3
rm -rf "$scratch"
mkdir -p "$scratch"
pass=0
fail=0
acct=0123456789abcdef0123456789abcdef

for dsl in "$src"/examples/*.authz; do
  base=${dsl%.authz}
  yaml=$base.yaml
  name=$(basename "$base")
  [ -f "$yaml" ] || { echo "FAIL: $name has no YAML twin"; fail=$((fail + 1)); continue; }
  for target in terraform cli json json-v2; do
    extra=()
    case $target in json*) extra=(--account-id "$acct") ;; esac
    out=$scratch/$name.$target
    if ! "$authzc" compile -t "$target" "${extra[@]}" "$dsl" >"$out.dsl" 2>"$out.dsl.err"; then
      echo "FAIL: $name ($target): the DSL does not compile"; cat "$out.dsl.err"
      fail=$((fail + 1)); continue
    fi
    if ! "$authzc" compile -t "$target" "${extra[@]}" "$yaml" >"$out.yaml" 2>"$out.yaml.err"; then
      echo "FAIL: $name ($target): the YAML does not compile"; cat "$out.yaml.err"
      fail=$((fail + 1)); continue
    fi
    "$authzc" compile -t "$target" "${extra[@]}" "$dsl" >"$out.again" 2>/dev/null
    if [ ! -s "$out.dsl" ]; then
      echo "FAIL: $name ($target): empty output"; fail=$((fail + 1))
    elif ! cmp -s "$out.dsl" "$out.yaml"; then
      echo "FAIL: $name ($target): DSL and YAML differ"; diff -u "$out.dsl" "$out.yaml" | head -20
      fail=$((fail + 1))
    elif ! cmp -s "$out.dsl" "$out.again"; then
      echo "FAIL: $name ($target): two compiles differ"; fail=$((fail + 1))
    elif [ -s "$out.dsl.err" ] || [ -s "$out.yaml.err" ]; then
      echo "FAIL: $name ($target): an example must compile without warnings"
      cat "$out.dsl.err" "$out.yaml.err"; fail=$((fail + 1))
    else
      pass=$((pass + 1))
    fi
  done
done
echo "twins: DSL and YAML, every example, every target"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
