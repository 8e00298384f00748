#!/usr/bin/env bash
# gen.sh KIND N OUT - writes a large input for the benchmarks.
#   accounts N OUT.authz     N accounts, each `backup volumes, shares` and a `notify`
#   accounts-yaml N OUT.yaml the same in YAML
#   children N OUT.authz     one enterprise with N children (backup volumes, shares)
#   templates N OUT.authz    one enterprise, one template assigned to N accounts
#   one 1 OUT.authz          a one-line intent
# IDs are derived from the index, so the same N always gives the same bytes.
set -euo pipefail
kind=$1
n=$2
out=$3
case $kind in
  accounts)
    awk -v n="$n" 'BEGIN {
      for (i = 1; i <= n; i++) {
        printf "account \"%032x\" {\n    backup volumes, shares\n", i
        printf "    notify \"%08x-0000-4000-8000-%012x\"\n}\n", i, i
      }
    }' >"$out" ;;
  accounts-yaml)
    awk -v n="$n" 'BEGIN {
      print "accounts:"
      for (i = 1; i <= n; i++) {
        printf "  - id: \"%032x\"\n    backup: [volumes, shares]\n", i
        printf "    notify: [\"%08x-0000-4000-8000-%012x\"]\n", i, i
      }
    }' >"$out" ;;
  children)
    awk -v n="$n" 'BEGIN {
      print "enterprise \"ffffffffffffffffffffffffffffffff\" {"
      for (i = 1; i <= n; i++)
        printf "    child \"%032x\" {\n        backup volumes, shares\n    }\n", i
      print "}"
    }' >"$out" ;;
  templates)
    awk -v n="$n" 'BEGIN {
      print "enterprise \"ffffffffffffffffffffffffffffffff\" {"
      print "    template \"backup-for-vpc\" {"
      print "        backup volumes, shares"
      for (i = 1; i <= n; i++)
        printf "        assign account \"%032x\"\n", i
      print "    }\n}"
    }' >"$out" ;;
  one)
    echo 'account current { backup all }' >"$out" ;;
  *)
    echo "gen.sh: unknown kind '$kind'" >&2; exit 2 ;;
esac
