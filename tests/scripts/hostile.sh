#!/usr/bin/env bash
# hostile.sh AUTHZC SRCDIR SCRATCH [COUNT] - property test: descriptions built at random (from
# a fixed seed, so every run tests the same strings) out of fragments that could end a string,
# expand in bash, interpolate in HCL, end a heredoc or spell the script's placeholders. Each
# compiles, and each independent consumer reads back exactly the same bytes:
#   terraform -> HashiCorp's HCL library (hclcheck -v2: what the provider would send)
#   json      -> jq
#   cli       -> the script run against the fake ibmcloud, which records the policy
set -uo pipefail
authzc=$1
src=$2
scratch=$3
count=${4:-24}
rm -rf "$scratch"
mkdir -p "$scratch"
cd "$scratch" || exit 2
bash "$src/tests/consumers/build-hclcheck.sh" "$scratch" >/dev/null || { echo "cannot build hclcheck"; exit 1; }
export PATH="$src/tests/consumers/fake-ibmcloud:$PATH"
acct=0123456789abcdef0123456789abcdef
pass=0
fail=0
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
same() { # WHAT FILE: FILE holds exactly the intended bytes
  if cmp -s intended "$2"; then pass=$((pass + 1)); else
    bad "$1: read back differently"
    printf '    intended: %q\n    got:      %q\n' "$(cat intended)" "$(cat "$2")"
  fi
}

# One string per line, fragments joined at random; awk's rand() is seeded, so the list is
# the same on every run.
awk -v n="$count" 'BEGIN {
  srand(20261124)
  split("\"|\x27|\\|$(id)|`id`|${HOME}|%{x}|$${|%%{|@|@AUTHZC_ACCOUNT_ID@|AUTHZC_JSON|EOF|\\n|\\u0040|é|日本|😀|$|%|{|}| |#|;|&&|*|[|]|<<|>|!|~|$1|%s|\x27\\\x27\x27", f, "|")
  for (i = 0; i < n; i++) {
    s = ""
    k = 1 + int(rand() * 12)
    for (j = 0; j < k; j++) s = s f[1 + int(rand() * length(f))]
    print s
  }
}' >strings.txt

i=0
while IFS= read -r s; do
  i=$((i + 1))
  printf '%s' "$s" >intended
  esc=${s//\\/\\\\}
  esc=${esc//\"/\\\"}
  printf 'account current {\n    description "%s"\n    backup shares\n}\n' "$esc" >intent.authz
  if ! "$authzc" check intent.authz 2>check.err; then
    bad "string $i does not compile: $(cat check.err)"; continue
  fi
  # Terraform, read by HashiCorp's HCL library
  if "$authzc" compile -t terraform -o out.tf intent.authz && ./hclcheck out.tf >/dev/null &&
    ./hclcheck -v2 out.tf >v2.json && jq -j '.policies[0].body.description' v2.json >got.tf; then
    same "string $i (terraform)" got.tf
  else
    bad "string $i: terraform output rejected"
  fi
  # JSON
  if "$authzc" compile -t json --account-id "$acct" intent.authz >out.json &&
    jq -j '.policies[0].body.description' out.json >got.json; then
    same "string $i (json)" got.json
  else
    bad "string $i: json output rejected"
  fi
  # the script, against the fake ibmcloud
  rm -rf state && mkdir state
  if "$authzc" compile -t cli -o out.sh intent.authz &&
    FAKE_IBMCLOUD_STATE=$PWD/state FAKE_IBMCLOUD_ACCOUNT=$acct bash out.sh >run.out 2>&1 &&
    jq -j '.body.description' state/policies.jsonl >got.cli; then
    same "string $i (cli)" got.cli
  else
    bad "string $i: the script failed"
    cat run.out
  fi
done <strings.txt

echo "hostile strings: $i generated descriptions through HCL, jq and bash + fake ibmcloud"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
