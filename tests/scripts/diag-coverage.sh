#!/usr/bin/env bash
# diag-coverage.sh AUTHZC SRCDIR - every diagnostic ID in diagnostics.def
#  - is triggered by at least one golden case (its "[ID]" appears in an expected output),
#  - has an `authzc explain` text,
#  - and, for checker IDs (AZ2xx-AZ4xx), has a near-miss case tests/cases/check/ID-ok that
#    does not trigger it.
set -euo pipefail
authzc=$1
src=$2
cases=$src/tests/cases
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

mapfile -t ids < <(grep -oE '"AZ[0-9]{3}"' "$src/include/authzc/diagnostics.def" | tr -d '"' | sort -u)
[ ${#ids[@]} -gt 0 ] || { echo "no IDs found in diagnostics.def"; exit 1; }
for id in "${ids[@]}"; do
  if grep -rqF --include='expected.std*' "[$id]" "$cases" ||
     grep -rqF --include='*.sarif' --include='*.json' "\"$id\"" "$cases"/*/*/expected.stdout 2>/dev/null; then
    ok
  else
    bad "$id is triggered by no golden case"
  fi
  if "$authzc" explain "$id" | grep "^$id " >/dev/null; then ok; else bad "authzc explain $id"; fi
  case $id in
    AZ[234]*)
      okdir=$cases/check/$id-ok
      if [ ! -d "$okdir" ]; then
        bad "$id has no near-miss case tests/cases/check/$id-ok"
      elif [ -f "$okdir/expected.stderr" ] && grep -qF "[$id]" "$okdir/expected.stderr"; then
        bad "$id-ok triggers $id"
      else
        ok
      fi
      ;;
  esac
done
echo "diagnostic coverage: ${#ids[@]} IDs"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
