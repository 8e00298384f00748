#!/usr/bin/env bash
# selftest.sh [JSONCHECK] — checks jsoncheck's verdicts on good/ and bad/.
# Without an argument it compiles tests/consumers/jsoncheck.c into a temporary
# directory first (${CC:-cc}, -std=c11 -Wall -Wextra -Wpedantic -Werror, jansson
# via pkg-config), which also proves the source is warning-free.
# Exit 0 = all assertions hold.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ $# -ge 1 ]; then
    jsoncheck=$1
    case $jsoncheck in /*) ;; *) jsoncheck=$PWD/$jsoncheck ;; esac
else
    if ! flags=$(pkg-config --cflags --libs jansson); then
        echo "selftest: pkg-config cannot find jansson (install libjansson-dev)" >&2
        exit 1
    fi
    # shellcheck disable=SC2086 # $flags is a list of compiler flags
    "${CC:-cc}" -std=c11 -Wall -Wextra -Wpedantic -Werror -O2 \
        -o "$tmp/jsoncheck" "$here/../jsoncheck.c" $flags || { echo "selftest: compile failed" >&2; exit 1; }
    jsoncheck=$tmp/jsoncheck
fi
cd "$here" || exit 1

fails=0
pass() { printf 'ok   %s\n' "$1"; }
fail() { printf 'FAIL %s\n' "$1"; fails=$((fails + 1)); }

# good SHAPE FILE...: must exit 0 and print nothing.
good() {
    local shape=$1 rc
    shift
    local -a args=()
    [ "$shape" = none ] || args=(--shape "$shape")
    "$jsoncheck" "${args[@]}" "$@" >"$tmp/out" 2>&1
    rc=$?
    if [ "$rc" -eq 0 ] && [ ! -s "$tmp/out" ]; then
        pass "good ($shape): $*"
    else
        fail "good ($shape): $* (exit $rc)"; sed 's/^/     /' "$tmp/out"
    fi
}

# bad SHAPE FILE PATTERN: must exit 1 with a line matching the grep -E PATTERN.
bad() {
    local shape=$1 file=$2 pat=$3 rc
    local -a args=()
    [ "$shape" = none ] || args=(--shape "$shape")
    "$jsoncheck" "${args[@]}" "$file" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -ne 1 ]; then
        fail "bad ($shape): $file: exit $rc, want 1"; sed 's/^/     /' "$tmp/out" "$tmp/err"
    elif [ -s "$tmp/out" ]; then
        fail "bad ($shape): $file: wrote to stdout"
    elif ! grep -Eq -- "$pat" "$tmp/err"; then
        fail "bad ($shape): $file: no line matches /$pat/"; sed 's/^/     /' "$tmp/err"
    else
        pass "bad ($shape): $file"
    fi
}

# ---- good inputs ----
good none       good/*.json good/index/index.json good/index/enterprise/*.json
good auto       good/v1-volume.json good/v2-share.json good/v2-event-notifications.json \
                good/template-volume.json good/assignment.json
good v1         good/v1-volume.json
good v2         good/v2-share.json good/v2-event-notifications.json
good template   good/template-volume.json
good assignment good/assignment.json
good document   good/document.json
good index      good/index/index.json
(cd good/index && good index index.json)

# ---- syntax (any shape): file:line:col: message ----
bad none bad/syntax-object-in-object.json '^bad/syntax-object-in-object\.json:3:[0-9]+: '
bad none bad/syntax-missing-colon.json    '^bad/syntax-missing-colon\.json:3:[0-9]+: .*:'
bad auto bad/syntax-unclosed.json         '^bad/syntax-unclosed\.json:[0-9]+:[0-9]+: '
bad none bad/duplicate-key.json           '^bad/duplicate-key\.json:3:[0-9]+: duplicate object key'
bad none bad/no-such-file.json            '^bad/no-such-file\.json:[0-9]+:[0-9]+: unable to open'

# ---- v1 ----
bad auto bad/v1-type-access.json          'type must be "authorization"'
bad v1   bad/v1-service-is-volume.json    'serviceName must be "is" or "event-notifications", not "is\.volume"'
bad v1   bad/v1-subject-operator.json     '\$\.subjects\[0\]\.attributes\[1\]: unexpected key "operator"'
bad v1   bad/v1-scoped-to-one-id.json     '"volumeId" must be the wildcard'
bad v1   bad/v1-role-not-crn.json         '\$\.roles\[0\]: role_id .* is not one role CRN'
bad v1   good/v2-share.json               'unexpected key "subject"'
bad v2   good/v1-volume.json              'missing "subject"'
bad auto bad/mixed-v1-v2.json             'mixes the keys of different shapes'
bad v1   bad/mixed-v1-v2.json             'unexpected key "subject"'

# ---- v2 ----
bad auto bad/v2-stringexists-string.json  'stringExists needs a JSON boolean'
bad v2   bad/v2-subject-operator.json     'operator "stringMatch" is not allowed in subject'
bad v2   bad/v2-name-keys.json            'unexpected key "name"'
bad v2   bad/v2-not-backup-subject.json   'no "resourceType" attribute'
bad v2   bad/v2-share-wildcard-v1-style.json '"shareId" must be the wildcard \{"operator": "stringExists", "value": true\}'
bad v2   bad/v2-event-notification-singular.json 'not "event-notification"'
bad v2   bad/v2-en-instance-wildcard.json '"serviceInstance" must be the Event Notifications instance GUID'
bad v2   bad/v2-two-id-attributes.json    'more than one ID attribute'

# ---- templates ----
bad template bad/template-accountid-attribute.json  'must not carry accountId'
bad auto     bad/template-account-placeholder.json  'account_id "ENTERPRISE_ROOT_ACCOUNT_ID" is not an account ID'
bad template bad/template-subject-no-operator.json  '\$\.policy\.subject\.attributes\[0\]: missing "operator"'
bad template bad/template-roles-outside-control.json '\$\.policy: missing "control"'

# ---- assignments ----
bad auto       bad/assignment-account-group-space.json 'target type must be "Account" or "AccountGroup", not "Account Group"'
bad assignment bad/assignment-id-too-long.json         'must be 1 to 32 characters'
bad assignment bad/assignment-version-number.json      '"version" must be a non-empty string'

# ---- documents and indexes ----
bad document bad/document-template-in-policies.json '\$\.policies\[0\]\.body: a template body does not belong in "policies"'
bad document bad/document-duplicate-body.json       'same body as entry 0'
bad document bad/document-non-string-key.json       '"note" must be a string'
bad auto     good/document.json                     'looks like a document'
bad document good/v1-volume.json                    'has none of "policies", "templates", "assignments"'
bad index    bad/index-missing/index.json           'listed file "bad/index-missing/policy-snapshot\.v1\.json" cannot be read'
bad index    bad/index-bad-body/index.json          '^bad/index-bad-body/policy-volume\.v1\.json: .*"volumeId" must be the wildcard'
bad index    bad/index-bad-body/index.json          '^bad/index-bad-body/template-volume\.json: \$: a template body is listed under "policies"'

# ---- usage ----
"$jsoncheck" --shape nonsense good/v1-volume.json >/dev/null 2>&1
rc=$?
if [ "$rc" -eq 2 ]; then pass "unknown shape is a usage error"; else fail "unknown shape: exit $rc, want 2"; fi
"$jsoncheck" >/dev/null 2>&1
rc=$?
if [ "$rc" -eq 2 ]; then pass "no files is a usage error"; else fail "no files: exit $rc, want 2"; fi

if [ "$fails" -ne 0 ]; then
    echo "jsoncheck selftest: $fails failure(s)"
    exit 1
fi
echo "jsoncheck selftest: all passed"
