#!/usr/bin/env bash
# tests/scripts/precommit.sh - the hooks of .pre-commit-hooks.yaml, run by Debian's real
# pre-commit in a throw-away git repository whose .pre-commit-config.yaml names a hook
# repository by path and commit (a scratch git repository holding this tree's hook files, so
# uncommitted edits are what is tested; pre-commit clones it locally: no network):
#   authzc-lint   passes on authzc's own JSON, fails with the ID on a misspelt role;
#   authzc-check  passes on good intents, checks each file on its own (two intents that name
#                 one account do not conflict), passes over YAML that is not an intent, fails
#                 on a bad .authz and on a bad intent YAML;
#   authzc-fmt    passes on a formatted .authz and leaves it as it was; on an unformatted one
#                 fails, rewrites it in the canonical layout, then passes.
#   precommit.sh AUTHZC SRCDIR SCRATCH
# Exit 77 (skipped) when pre-commit or git is missing.
set -euo pipefail
authzc=$(realpath "$1") src=$(realpath "$2") work=$3
for tool in pre-commit git; do
    command -v $tool >/dev/null || { echo "SKIP: $tool is not installed (apt-get install $tool)"; exit 77; }
done
rm -rf "$work" && mkdir -p "$work"
work=$(realpath "$work")
# A private HOME, pre-commit cache and git identity: nothing of the user's is read or written.
export HOME=$work/home PRE_COMMIT_HOME=$work/cache GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
PATH="$(dirname "$authzc"):$PATH"
export PATH
mkdir -p "$HOME"
failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }

# The hook repository.
hooks=$work/hooks
mkdir -p "$hooks/packaging"
cp "$src/.pre-commit-hooks.yaml" "$hooks/"
cp -p "$src/packaging/pre-commit-check" "$hooks/packaging/"
git -C "$hooks" init -q
git -C "$hooks" add -A
git -C "$hooks" commit -qm hooks
rev=$(git -C "$hooks" rev-parse HEAD)

# The repository that uses it.
repo=$work/repo
mkdir -p "$repo/.github/workflows"
cd "$repo"
git init -q
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: authzc-lint
      - id: authzc-check
      - id: authzc-fmt
YAML
cp "$src/examples/account.authz" "$src/examples/enterprise-child.yaml" .
printf 'account "0123456789abcdef0123456789abcdef" {\n    description "dev"\n    backup volumes\n}\n' > dev.authz
printf 'account "0123456789abcdef0123456789abcdef" {\n    description "prod"\n    backup shares\n}\n' > prod.authz
printf 'account "0123456789abcdef0123456789abcdef" {\n    backup volume\n}\n' > bad.authz
printf 'accounts:\n  - id: "0123456789abcdef0123456789abcdef"\n    bakup: [volumes]\n' > bad-intent.yaml
printf 'name: ci\non: [push]\njobs: {}\n' > .github/workflows/ci.yaml
"$authzc" compile -t json account.authz > policies.json
git add -A
git commit -qm init

# run HOOK EXPECTED-STATUS DESCRIPTION [pre-commit run options]: runs one hook, bounded.
run() {
    local hook=$1 want=$2 what=$3 got=0
    shift 3
    timeout 120 pre-commit run "$hook" --color never "$@" > "$work/out" 2>&1 || got=$?
    if [[ $got -ne $want ]]; then
        fail "$hook on $what: exit $got, expected $want:"
        sed 's/^/    /' "$work/out" >&2
        return 1
    fi
    echo "ok: $hook on $what: exit $got"
}
expect_output() {
    grep -qF -- "$1" "$work/out" || { fail "the output does not say '$1':"; sed 's/^/    /' "$work/out" >&2; }
}

run authzc-lint 0 "the compiled policies" --all-files
sed 's/role:Operator/role:Operater/' policies.json > typo.json
git add typo.json
run authzc-lint 1 "a misspelt role" --files typo.json && expect_output "[AZ206]"
git rm -q --cached typo.json && rm typo.json

run authzc-check 0 "good intents, two of them naming one account" \
    --files account.authz enterprise-child.yaml dev.authz prod.authz
"$authzc" check dev.authz prod.authz 2>/dev/null && fail "dev.authz and prod.authz do not conflict as one intent: the case proves nothing"
run authzc-check 0 "YAML that is not an intent" --files .github/workflows/ci.yaml .pre-commit-config.yaml &&
    expect_output "Passed"
run authzc-check 1 "a bad .authz" --files bad.authz && expect_output "[AZ"
run authzc-check 1 "a bad intent YAML" --files bad-intent.yaml && expect_output "bad-intent.yaml:3:5"

"$authzc" fmt --check dev.authz || fail "dev.authz is not formatted: the case proves nothing"
cp dev.authz "$work/dev.before"
run authzc-fmt 0 "a formatted file" --files dev.authz && expect_output "Passed"
cmp -s dev.authz "$work/dev.before" || fail "authzc-fmt changed the formatted dev.authz"
printf 'account current {\nbackup   all\n}\n' > messy.authz
"$authzc" fmt --check messy.authz > /dev/null 2>&1 && fail "messy.authz is already formatted: the case proves nothing"
git add messy.authz
run authzc-fmt 1 "an unformatted file" --files messy.authz && expect_output "files were modified by this hook"
printf 'account current {\n    backup all\n}\n' > "$work/messy.want"
cmp -s messy.authz "$work/messy.want" || { fail "authzc-fmt did not rewrite messy.authz in the canonical layout:"; sed 's/^/    /' messy.authz >&2; }
git add messy.authz
run authzc-fmt 0 "the file it formatted" --files messy.authz
exit $failed
