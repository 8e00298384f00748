#!/usr/bin/env bash
# walk-limits.sh AUTHZC SCRATCH - lint's walk under a low limit of open files: the read-ahead
# keeps up to 32 files it read open, to close them together, and gives them back when an open
# fails for want of descriptors (opening a file or a folder). Under every `ulimit -n` from 10
# to 24, linting 300 files in nested folders (each folder's files before its subfolder, so
# that some limit runs out exactly at a folder) reports exactly what it reports under the
# usual limit: no "cannot open".
set -uo pipefail
authzc=$1
scratch=$2
rm -rf "$scratch"
mkdir -p "$scratch"
cd "$scratch" || exit 2
fail=0
# policy FILE N [extra-role]: a share policy of account N.
policy() {
    printf '{"type": "authorization", "subjects": [{"attributes": [
  {"name": "accountId", "value": "%032d"}, {"name": "serviceName", "value": "is"},
  {"name": "resourceType", "value": "backup-policy"}]}],
 "roles": [{"role_id": "crn:v1:bluemix:public:iam::::role:Editor"},
  {"role_id": "crn:v1:bluemix:public:is::::serviceRole:ShareSnapshotOperator"}%s],
 "resources": [{"attributes": [
  {"name": "accountId", "operator": "stringEquals", "value": "%032d"},
  {"name": "serviceName", "operator": "stringEquals", "value": "is"},
  {"name": "shareId", "operator": "stringEquals", "value": "*"}]}]}\n' "$2" "${3:-}" "$2" >"$1"
}
manager=', {"role_id": "crn:v1:bluemix:public:iam::::serviceRole:Manager"}'
for d in 0 1 2; do
    mkdir -p repo/f$d/z
    for i in $(seq 0 49); do
        n=$((d * 100 + i))
        case $i in *7) policy repo/f$d/p$i.json $n "$manager" ;; *) policy repo/f$d/p$i.json $n ;; esac
        policy repo/f$d/z/q$i.json $((n + 50))
    done
done
"$authzc" lint repo >want.out 2>want.err
want=$?
if [ "$want" != 0 ] || ! grep -q '^linted 300 files: 0 errors, 15 warnings$' want.err; then
    echo "FAIL: under the usual limit: exit $want"
    tail -3 want.err
    fail=1
fi
for limit in $(seq 10 24); do
    (ulimit -n $limit && exec "$authzc" lint repo) >got.out 2>got.err
    got=$?
    if [ "$got" != "$want" ] || ! cmp -s want.out got.out || ! cmp -s want.err got.err; then
        echo "FAIL: ulimit -n $limit: exit $got (want $want)"
        diff want.err got.err | head -10
        fail=1
    fi
done
[ $fail = 0 ] && echo "walk-limits: the same report under ulimit -n 10 to 24"
exit $fail
