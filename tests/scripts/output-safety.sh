#!/usr/bin/env bash
# output-safety.sh AUTHZC SRCDIR SCRATCH - outputs are atomic and failures are clean:
#  - an intent with errors writes nothing and leaves an existing output as it was;
#  - a successful compile replaces the output and leaves no temporary behind;
#  - -o onto a full disk (/dev/full), into a missing or read-only folder, or onto a folder
#    exits 2 with a message, writes nothing, and never replaces a device node;
#  - the json folder output and the terraform module folder are all or nothing.
set -uo pipefail
authzc=$1
src=$2
scratch=$3
rm -rf "$scratch"
mkdir -p "$scratch"
cd "$scratch" || exit 2
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
expect() { # STATUS WHAT CMD...
  local want=$1 what=$2
  shift 2
  "$@" >out.stdout 2>out.stderr
  local got=$?
  if [ "$got" = "$want" ]; then ok; else bad "$what: exit $got, expected $want"; cat out.stderr; fi
}
no_temps() { # FOLDER WHAT
  if find "$1" -name '*.tmp-*' -o -name '.authzc-*' | grep . >/dev/null; then
    bad "$2: a temporary was left behind"; find "$1" -name '*.tmp-*' -o -name '.authzc-*'
  else ok; fi
}

good=$src/examples/account.authz
printf 'account current {\n    authorize snapshot as Viewer\n}\n' >broken.authz

for target in terraform cli; do
  # an existing output survives a failed compile byte for byte
  echo "previous contents" >kept.$target
  cp kept.$target before.$target
  expect 1 "$target: intent with errors" "$authzc" compile -t "$target" -o kept.$target broken.authz
  if cmp -s kept.$target before.$target; then ok; else bad "$target: the old output was changed"; fi
  no_temps . "$target: failed compile"
  # a good compile replaces it, and leaves nothing else
  expect 0 "$target: good compile" "$authzc" compile -t "$target" -o kept.$target "$good"
  if "$authzc" compile -t "$target" "$good" | cmp -s - kept.$target; then ok; else
    bad "$target: -o and standard output differ"; fi
  no_temps . "$target: good compile"
  # a full disk
  expect 2 "$target: -o /dev/full" "$authzc" compile -t "$target" -o /dev/full "$good"
  if grep -q 'No space left on device' out.stderr; then ok; else bad "$target: no message for /dev/full"; fi
  if [ -c /dev/full ]; then ok; else bad "$target: /dev/full is no longer a device"; fi
  # a missing folder, a folder as the target
  expect 2 "$target: missing folder" "$authzc" compile -t "$target" -o missing/dir/out "$good"
  if grep -q "cannot write 'missing/dir/out'" out.stderr; then ok; else bad "$target: no message for a missing folder"; fi
  mkdir -p adir
  [ "$target" = terraform ] && continue # terraform -o FOLDER writes a module (below)
  expect 2 "$target: -o onto a folder" "$authzc" compile -t "$target" -o adir "$good"
done

# terraform -o FOLDER/ (a module): all or nothing, and never anything but authzc's files
mkdir -p tdir
printf 'resource "null_resource" "mine" {}\n' >tdir/main.tf
cp tdir/main.tf before.main.tf
expect 2 "terraform module: a user's main.tf in the folder" "$authzc" compile -t terraform -o tdir/ "$good"
if cmp -s tdir/main.tf before.main.tf && [ "$(find tdir -type f | wc -l)" = 1 ]; then ok; else
  bad "terraform module: the folder changed although the compile was refused"; fi
rm tdir/main.tf
expect 1 "terraform module: intent with errors into a new folder" "$authzc" compile -t terraform -o tnew/ broken.authz
if [ ! -e tnew ]; then ok; else bad "terraform module: a folder was created although the compile failed"; fi
expect 2 "terraform module: missing parent folder" "$authzc" compile -t terraform -o missing/dir/mod/ "$good"
if [ ! -e missing ]; then ok; else bad "terraform module: a parent folder was created"; fi
expect 0 "terraform module: into an empty folder" "$authzc" compile -t terraform --wait 30s -o tdir "$good"
expect 0 "terraform module: again, without --wait" "$authzc" compile -t terraform -o tdir "$good"
if [ -f tdir/versions.tf ] && [ ! -e tdir/wait.tf ]; then ok; else
  bad "terraform module: the rerun did not remove the earlier run's wait.tf"; fi
no_temps . "terraform module"

# json: standard output to a full disk, and the folder output all or nothing
# shellcheck disable=SC2016 # $1 and $2 are expanded by the inner sh
expect 2 "json: > /dev/full" sh -c '"$1" compile -t json "$2" >/dev/full' sh "$authzc" "$good"
mkdir -p jdir
echo '{"old": true}' >jdir/index.json
cp jdir/index.json before.json
printf 'account "0123456789abcdef0123456789abcdef" {\n    backup volumes\n    authorize share as Editor\n}\n' >broken2.authz
expect 1 "json: intent with errors into an existing folder" "$authzc" compile -t json -o jdir broken2.authz
if cmp -s jdir/index.json before.json && [ "$(find jdir -type f | wc -l)" = 1 ]; then ok; else
  bad "json: the folder changed although the compile failed"; fi
expect 1 "json: intent with errors into a new folder" "$authzc" compile -t json -o newdir broken2.authz
if [ ! -e newdir ]; then ok; else bad "json: a folder was created although the compile failed"; fi
no_temps . "json: failed compiles"

# a read-only folder (root ignores permissions, so run as nobody when we are root)
mkdir -p ro
chmod 555 ro
as_other=()
if [ "$(id -u)" = 0 ]; then
  if command -v setpriv >/dev/null 2>&1; then
    as_other=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
    chmod 755 "$scratch"
  else
    as_other=(skip)
  fi
fi
if [ "${as_other[0]:-}" = skip ]; then
  echo "SKIP: read-only folder (root without setpriv)"
else
  for target in terraform json; do
    expect 2 "$target: read-only folder" "${as_other[@]}" "$authzc" compile -t "$target" -o ro/out "$good"
    if grep -q 'Permission denied' out.stderr; then ok; else bad "$target: no message for a read-only folder"; cat out.stderr; fi
  done
  if [ -z "$(ls -A ro)" ]; then ok; else bad "read-only folder: something was written"; fi
fi

echo "output safety: atomic outputs, clean failures"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
