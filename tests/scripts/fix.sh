#!/usr/bin/env bash
# fix.sh AUTHZC SRCDIR SCRATCH - `authzc lint --fix` (issue 16), over the whole case tree:
#  1. idempotent: for every golden fix case (tests/cases/fix/*/expected.out), --fix on the
#     fixed folder changes no byte and says it fixed nothing;
#  2. the fixed files pass their consumers: HashiCorp's HCL parser and formatter check
#     (tests/consumers/hclcheck) for .tf, a strict JSON parse (duplicate keys, NaN and
#     trailing data refused) for .json, bash -n and shellcheck for scripts; scripts stay
#     executable;
#     --fix --diff's output applied with patch -p0 gives what --fix writes; a symbolic
#     link keeps pointing at the file --fix rewrites;
#  3. IBM's published mistakes (every tests/cases/*/ibm-* seed): after --fix, no finding
#     carries a fix any more, and no finding of an ID `explain --list` marks [fix] is left
#     (except the ones listed in allowed_left below, each with its reason);
#  4. property: over every lint input of tests/cases (one tree, each case in its folder,
#     linted and fixed in one run), --fix leaves every file whose findings carry no fix
#     byte for byte, changes every file whose findings do, and adds or removes none.
set -uo pipefail

if [ $# -ne 3 ]; then
    echo "usage: $0 AUTHZC SRCDIR SCRATCH" >&2
    exit 2
fi
authzc=$1
src=$2
scratch=$3
case $authzc in /*) ;; *) authzc=$PWD/$authzc ;; esac
mkdir -p "$scratch"
scratch=$(cd "$scratch" && pwd)
src=$(cd "$src" && pwd)
cases=$src/tests/cases

# Seed findings a fix deliberately leaves: "SEED ID reason", one a line.
allowed_left="lint-json/ibm-10-en-mixed AZ206 no fix writes the Event Source Manager CRN (not confirmed by IAM)
lint-sh/ibm-6-18-no-ibmcloud AZ605 --target <<ACCOUNT_ID>> starts a here-document: the value is a placeholder
lint-sh/ibm-6-9-en-command AZ605 --target-resource-instance: an instance ID or a name, not certain
lint-tf/ibm-6-8-en-made-up-types AZ604 ibm_backup-policy_instance, ibm_event-notification_instance: no block of the file says which resource is meant"

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() {
    echo "FAIL: $*"
    fail=$((fail + 1))
}

rm -rf "$scratch/work"
mkdir -p "$scratch/work"

# ---- consumers --------------------------------------------------------------------------
hclcheck=$scratch/hclcheck
if [ ! -x "$hclcheck" ] &&
    ! bash "$src/tests/consumers/build-hclcheck.sh" "$scratch" >"$scratch/hclcheck.log" 2>&1; then
    echo "FAIL: cannot build hclcheck:"
    sed 's/^/    /' "$scratch/hclcheck.log" | tail -20
    exit 1
fi
for tool in shellcheck jq python3 patch; do
    command -v $tool >/dev/null 2>&1 || { echo "FAIL: $tool is needed"; exit 1; }
done
cat >"$scratch/strict_json.py" <<'EOF'
import json, sys
def pairs(kv):
    keys = [k for k, _ in kv]
    if len(keys) != len(set(keys)):
        raise ValueError('duplicate key')
    return dict(kv)
def const(c):
    raise ValueError('not JSON: ' + c)
for path in sys.argv[1:]:
    data = open(path, 'rb').read()
    if data.startswith(b'\xef\xbb\xbf'):
        data = data[3:]  # RFC 8259 8.1: a parser may ignore a BOM
    try:
        json.loads(data.decode('utf-8'), object_pairs_hook=pairs, parse_constant=const)
    except Exception as e:
        print('%s: %s' % (path, e))
        sys.exit(1)
EOF

# consumers DIR WHAT: every fixed file in DIR passes its consumer.
consumers() {
    local dir=$1 what=$2 f
    while IFS= read -r -d '' f; do
        case $f in
        *.tf)
            if "$hclcheck" "$f" >"$scratch/consumer.out" 2>&1; then ok; else
                bad "$what: hclcheck rejects ${f#"$dir"/}:"; sed 's/^/    /' "$scratch/consumer.out"
            fi ;;
        *.json) printf '%s\0' "$f" >>"$scratch/json-files" ;; # parsed at the end, in one run
        *.sh | *.bash)
            if bash -n "$f" 2>"$scratch/consumer.out" && shellcheck "$f" >>"$scratch/consumer.out" 2>&1; then ok; else
                bad "$what: bash -n or shellcheck rejects ${f#"$dir"/}:"; sed 's/^/    /' "$scratch/consumer.out" | head -20
            fi ;;
        esac
    done < <(find "$dir" -type f -print0 | sort -z)
}

# copy_inputs CASE DIR: the lint inputs of a case folder (and its ignore files), with
# their folders and modes, not its expected files.
copy_inputs() {
    (cd "$1" && find . -type f \( -name "*.json" -o -name "*.tf" -o -name "*.sh" -o -name "*.bash" \
        -o -name .authzc-ignore \) ! -path "./expected*" -print0 |
        xargs -0 -r cp --parents -p -t "$2")
}

: >"$scratch/json-files"

# ---- 1, 2: the golden fix cases -------------------------------------------------------
for case_dir in "$cases"/fix/*/; do
    name=fix/$(basename "$case_dir")
    [ -d "$case_dir/expected.out" ] || continue
    grep -qE -- '--diff|--fix-dry-run' "$case_dir/cmd" && continue # expected.out: nothing written
    w=$scratch/work/$(basename "$case_dir")
    cp -R "$case_dir/expected.out" "$w"
    "$authzc" lint --fix "$w" >/dev/null 2>"$scratch/second.err"
    if diff -r "$case_dir/expected.out" "$w" >"$scratch/second.diff"; then ok; else
        bad "$name: a second --fix changed the fixed files:"; sed 's/^/    /' "$scratch/second.diff" | head -20
    fi
    if grep -q '^fixed ' "$scratch/second.err"; then
        bad "$name: a second --fix says: $(grep '^fixed ' "$scratch/second.err")"
    else
        ok
    fi
    consumers "$case_dir/expected.out" "$name"
    # a script keeps its mode (the before/ copy is executable)
    while IFS= read -r -d '' f; do
        rel=${f#"$case_dir/before/"}
        if [ -x "$case_dir/expected.out/$rel" ] && [ -x "$w/$rel" ]; then ok; else
            bad "$name: $rel is no longer executable after --fix"
        fi
    done < <(find "$case_dir/before" -type f -perm -u+x -print0 2>/dev/null)
done

if xargs -0 python3 "$scratch/strict_json.py" <"$scratch/json-files" >"$scratch/consumer.out" 2>&1; then
    ok
else
    bad "a fixed JSON file is not strict JSON:"; sed 's/^/    /' "$scratch/consumer.out"
fi
[ -s "$scratch/json-files" ] || bad "no fixed JSON file was parsed"
# A symbolic link keeps pointing at its file, which is the one rewritten (mode kept).
w=$scratch/work/link
rm -rf "$w"
mkdir -p "$w/real" "$w/lint"
cp "$cases/fix/json/before/v1-volume.json" "$w/real/a.json"
chmod 640 "$w/real/a.json"
ln -s ../real/a.json "$w/lint/link.json"
"$authzc" lint --fix "$w/lint" >/dev/null 2>&1
if [ -L "$w/lint/link.json" ] && cmp -s "$w/real/a.json" "$cases/fix/json/expected.out/v1-volume.json" &&
    [ "$(stat -c %a "$w/real/a.json")" = 640 ]; then
    ok
else
    bad "--fix through a symbolic link: the link was replaced, or the file not fixed, or its mode changed"
fi

# --fix --diff prints what --fix writes: the diff applies with patch -p0 (the headers name the
# files as linted) and gives the same bytes.
w=$scratch/work/patch
rm -rf "$w" "$w.fixed"
mkdir -p "$w"
cp -R "$cases/fix/json/before" "$w/p"
cp -R "$cases/fix/tf/before" "$w/t"
cp -R "$w" "$w.fixed"
(cd "$w" && "$authzc" lint --fix --diff p t >"$scratch/fix.diff" 2>/dev/null)
(cd "$w.fixed" && "$authzc" lint --fix p t >/dev/null 2>&1)
if [ -s "$scratch/fix.diff" ] && (cd "$w" && patch -s -p0 <"$scratch/fix.diff") &&
    diff -r "$w" "$w.fixed" >/dev/null; then
    ok
else
    bad "the --fix --diff output does not apply with patch -p0 to what --fix writes"
fi

# ---- 3: IBM's published mistakes ----------------------------------------------------------
fixable=$("$authzc" explain --list | awk '/\[fix\]$/ { print $1 }' | tr '\n' ' ')
[ -n "$fixable" ] || bad "explain --list marks no ID [fix]"
nseeds=0
for case_dir in "$cases"/*/ibm-*/; do
    seed=$(basename "$(dirname "$case_dir")")/$(basename "$case_dir")
    w=$scratch/work/seed
    rm -rf "$w"
    mkdir -p "$w"
    copy_inputs "$case_dir" "$w"
    nseeds=$((nseeds + 1))
    "$authzc" lint --fix "$w" >/dev/null 2>&1
    (cd "$w" && "$authzc" lint --format json . >"$scratch/after.json" 2>/dev/null)
    left=$(jq -r --arg fixable "$fixable" '($fixable | split(" ")) as $f | .diagnostics[] |
        .id as $i | if .fix then "\($i) \(.file):\(.line) still carries a fix"
        elif $i != null and any($f[]; . == $i) then "\($i) \(.file):\(.line) is left: \(.message)"
        else empty end' "$scratch/after.json")
    while IFS= read -r line; do
        [ -n "$line" ] || continue
        id=${line%% *}
        if grep -q "^$seed $id " <<<"$allowed_left"; then continue; fi
        bad "IBM seed $seed after --fix: $line"
    done <<<"$left"
    ok
done
[ "$nseeds" -ge 10 ] || bad "only $nseeds IBM seeds found under $cases"

# ---- 4: property: no fix, no change ---------------------------------------------------------
# Every lint input of the case tree (each case keeps its folder), linted and fixed in one run.
w=$scratch/work/prop
rm -rf "$w" "$w.orig"
mkdir -p "$w"
for case_dir in "$cases"/*/*/; do
    case $case_dir in */fix/*) continue ;; esac
    [ -f "$case_dir/cmd" ] || continue
    rel=${case_dir#"$cases"/}
    mkdir -p "$w/$rel"
    copy_inputs "$case_dir" "$w/$rel"
done
cp -R "$w" "$w.orig"
(cd "$w" && "$authzc" lint --format json . >"$scratch/before.json" 2>/dev/null)
jq -r '[.diagnostics[] | .fix[]?.file] | unique[]' "$scratch/before.json" | sort >"$scratch/with-fix"
(cd "$w" && "$authzc" lint --fix . >/dev/null 2>&1)
(cd "$w.orig" && find . -type f | sed 's|^\./||' | sort) >"$scratch/all"
diff -rq "$w.orig" "$w" | sed -n "s|^Files $w.orig/\(.*\) and .* differ\$|\1|p" | sort >"$scratch/changed"
if diff -rq "$w.orig" "$w" | grep -v '^Files ' >"$scratch/other"; then
    bad "--fix added or removed files:"; sed 's/^/    /' "$scratch/other" | head
fi
nall=$(wc -l <"$scratch/all")
nchanged=$(wc -l <"$scratch/changed")
nsame=$((nall - nchanged))
while IFS= read -r f; do
    bad "--fix changed $f, whose findings carry no fix"
done < <(comm -13 "$scratch/with-fix" "$scratch/changed")
while IFS= read -r f; do
    bad "$f has findings with fixes, but --fix left it as it was"
done < <(comm -23 "$scratch/with-fix" "$scratch/changed")
[ "$nsame" -ge 100 ] || bad "the property ran over only $nsame files without fixes"
[ "$nchanged" -ge 5 ] || bad "only $nchanged files with fixes were seen changing"
ok

echo "fix: $nseeds IBM seeds; property over $nsame unchanged and $nchanged fixed files"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
