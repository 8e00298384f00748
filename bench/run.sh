#!/usr/bin/env bash
# run.sh - builds authzc (Release), generates enterprise-scale inputs and measures, against
# baselines measured in the same run: `cat` of the same output (the I/O floor), `jq empty`
# over the same JSON files, and HashiCorp's HCL parser over the same .tf. Prints a Markdown
# table with medians, peak memory, ratios and the targets of the benchmark issue.
#   BENCH_RUNS=5 (runs per case)  BENCH_SIZES="1000 10000 100000"  BENCH_DIR=build-bench
# Needs: cmake, a C compiler, jq, golang-go + golang-github-hashicorp-hcl-v2-dev.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-$root/build-bench}
runs=${BENCH_RUNS:-5}
read -r -a sizes <<<"${BENCH_SIZES:-1000 10000 100000}"
mkdir -p "$work/in" "$work/out"

cmake -S "$root" -B "$work/build" -DCMAKE_BUILD_TYPE=Release -DAZ_BUILD_TESTS=OFF >/dev/null
cmake --build "$work/build" -j2 >/dev/null
authzc=$work/build/compiler/authzc
cc -O2 -std=c11 -o "$work/runstat" "$root/bench/runstat.c"
bash "$root/tests/consumers/build-hclcheck.sh" "$work" >/dev/null

med=0
peak=0
want_exit=0
# measure OUT CMD... : median wall seconds into $med, peak RSS (KiB) over the runs into $peak.
# Every run must exit $want_exit (0, or 1 for a lint that reports errors on purpose).
measure() {
  local out=$1 s k e times=()
  shift
  peak=0
  for ((r = 0; r < runs; r++)); do
    read -r s k e < <("$work/runstat" "$out" "$@")
    if [ "$e" != "$want_exit" ]; then
      echo "bench: '$*' exited $e" >&2
      exit 1
    fi
    times+=("$s")
    ((k > peak)) && peak=$k
  done
  med=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
}
fmt() { awk -v x="$1" 'BEGIN {printf "%.4f", x}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", (b > 0 ? a / b : 0)}'; }
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }
verdict() { if awk "BEGIN {exit !($1)}"; then echo ok; else echo "**MISSED**"; fi; }

echo "## authzc benchmarks"
echo
echo "- machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr)"
echo "- date: $(date -u +%Y-%m-%d); commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "- runs per case: $runs (median wall time; peak RSS is the largest of the runs)"
echo
echo "### compile"
echo
echo "| input | N | target | output | time (s) | peak RSS (MiB) | cat of output (s) | × cat | target met |"
echo "|---|---|---|---|---|---|---|---|---|"
declare -A t_of
for n in "${sizes[@]}"; do
  "$root/bench/gen.sh" accounts "$n" "$work/in/accounts-$n.authz"
  "$root/bench/gen.sh" accounts-yaml "$n" "$work/in/accounts-$n.yaml"
  for target in terraform cli json json-v2; do
    case $target in terraform) ext=tf ;; cli) ext='sh' ;; json) ext=json ;; *) ext=v2.json ;; esac
    out=$work/out/accounts-$n.$ext
    measure "$out" "$authzc" compile -t "$target" "$work/in/accounts-$n.authz"
    t=$med
    p=$peak
    bytes=$(stat -c %s "$out")
    measure "$work/out/cat" cat "$out"
    c=$med
    # growth is judged on runs to /dev/null: at 100,000 accounts the files reach 0.5-0.9 GB
    # and the kernel's writeback throttling would be measured, not authzc
    measure /dev/null "$authzc" compile -t "$target" "$work/in/accounts-$n.authz"
    t_of[$target,$n]=$med
    limit=$(awk -v b="$bytes" 'BEGIN {m = 2 * b / 1024; print (m > 65536 ? m : 65536)}')
    ok="memory $(verdict "$p <= $limit")"
    if [ "$n" = 10000 ]; then
      ok="$ok; ≤1 s $(verdict "$t <= 1.0"); ≤15× cat $(verdict "$t <= 15 * $c || $t < 0.005")"
    fi
    echo "| DSL, N accounts | $n | $target | $(mib $((bytes / 1024))) MiB | $(fmt "$t") | $(mib "$p") | $(fmt "$c") | $(ratio "$t" "$c") | $ok |"
  done
  out=$work/out/accounts-$n.yaml.tf
  measure "$out" "$authzc" compile -t terraform "$work/in/accounts-$n.yaml"
  echo "| YAML, N accounts | $n | terraform | $(mib $(($(stat -c %s "$out") / 1024))) MiB | $(fmt "$med") | $(mib "$peak") | | | |"
  "$root/bench/gen.sh" children "$n" "$work/in/children-$n.authz"
  out=$work/out/children-$n.json
  measure "$out" "$authzc" compile -t json "$work/in/children-$n.authz"
  echo "| enterprise, N children | $n | json | $(mib $(($(stat -c %s "$out") / 1024))) MiB | $(fmt "$med") | $(mib "$peak") | | | |"
  "$root/bench/gen.sh" templates "$n" "$work/in/templates-$n.authz"
  out=$work/out/templates-$n.tf
  measure "$out" "$authzc" compile -t terraform "$work/in/templates-$n.authz"
  echo "| template assigned to N accounts | $n | terraform | $(mib $(($(stat -c %s "$out") / 1024))) MiB | $(fmt "$med") | $(mib "$peak") | | | |"
done

echo
echo "### growth (time for 10× the accounts, output to /dev/null; target ≤ 12×)"
echo
echo "| target | 1,000 → 10,000 | 10,000 → 100,000 |"
echo "|---|---|---|"
for target in terraform cli json json-v2; do
  row="| $target"
  for pair in "1000 10000" "10000 100000"; do
    read -r a b <<<"$pair"
    if [ -n "${t_of[$target,$a]:-}" ] && [ -n "${t_of[$target,$b]:-}" ]; then
      r=$(ratio "${t_of[$target,$b]}" "${t_of[$target,$a]}")
      row="$row | ${r}× $(verdict "$r <= 12")"
    else
      row="$row | –"
    fi
  done
  echo "$row |"
done

echo
echo "### small input"
echo
"$root/bench/gen.sh" one 1 "$work/in/one.authz"
measure "$work/out/one.tf" "$authzc" compile -t terraform "$work/in/one.authz"
echo "one-line intent to terraform: $(fmt "$med") s, peak $(mib "$peak") MiB (target ≤ 0.005 s: $(verdict "$med <= 0.005"))"

# Live exports (issue 13): an export of 10,000 accounts (the accounts of `gen.sh accounts`,
# every 10th with a wrong role and a missing share policy), imported and planned against.
if [ "${BENCH_LIVE:-1}" = 1 ]; then
  echo
  echo "### live exports (import, plan --live)"
  echo
  echo "| input | command | time (s) | peak RSS (MiB) | jq empty (s) | × jq | target met |"
  echo "|---|---|---|---|---|---|---|"
  n=10000
  "$root/bench/gen.sh" export "$n" "$work/in/export-$n.json"
  [ -f "$work/in/accounts-$n.authz" ] || "$root/bench/gen.sh" accounts "$n" "$work/in/accounts-$n.authz"
  bytes=$(stat -c %s "$work/in/export-$n.json")
  measure /dev/null jq empty "$work/in/export-$n.json"
  j=$med
  measure "$work/out/imported-$n.authz" "$authzc" import "$work/in/export-$n.json"
  echo "| export of $n accounts ($(mib $((bytes / 1024))) MiB) | import | $(fmt "$med") | $(mib "$peak") | $(fmt "$j") | $(ratio "$med" "$j") | < 1 s $(verdict "$med < 1.0") |"
  want_exit=1 # the plan has changes to report on purpose
  measure "$work/out/plan-$n.txt" "$authzc" plan --live "$work/in/export-$n.json" "$work/in/accounts-$n.authz"
  want_exit=0
  echo "| export of $n accounts + intent of $n accounts | plan --live | $(fmt "$med") | $(mib "$peak") | $(fmt "$j") | $(ratio "$med" "$j") | < 1 s $(verdict "$med < 1.0") |"
fi

if "$authzc" lint --help >/dev/null 2>&1; then
  echo
  echo "### lint"
  echo
  echo "| input | authzc lint (s) | baseline | baseline (s) | × baseline | target met |"
  echo "|---|---|---|---|---|---|"
  dir=$work/out/lint-json-1000
  rm -rf "$dir"
  "$authzc" compile -t json -o "$dir" "$work/in/accounts-1000.authz"
  measure - "$authzc" lint "$dir"
  t=$med
  p=$peak
  # shellcheck disable=SC2016 # $1 is expanded by the inner sh
  measure - sh -c 'jq empty "$1"/*.json' sh "$dir"
  echo "| compiled JSON of 1,000 accounts ($(find "$dir" -name '*.json' | wc -l) files; peak $(mib "$p") MiB) | $(fmt "$t") | jq empty | $(fmt "$med") | $(ratio "$t" "$med") | ≤0.35× $(verdict "$t <= 0.35 * $med") |"
  tf=$work/out/accounts-10000.tf
  measure - "$authzc" lint "$tf"
  t=$med
  p=$peak
  measure - "$work/hclcheck" -parse "$tf"
  echo "| 10,000-account .tf ($(mib $(($(stat -c %s "$tf") / 1024))) MiB; peak $(mib "$p") MiB) | $(fmt "$t") | HCL parser (hclcheck -parse) | $(fmt "$med") | $(ratio "$t" "$med") | $(verdict "$t <= $med") |"
  # The mixed corpus (gen.sh lint-corpus): the compiled JSON of 1,000 accounts and the
  # Terraform of 1,000 others next to 1,000 hand-written teams (Terraform, v1 and v2 JSON,
  # ibmcloud scripts, some mistakes). No target; the baseline is jq and the HCL parser over
  # its JSON and .tf files.
  corpus=$work/out/lint-corpus-1000
  rm -rf "$corpus"
  AUTHZC=$authzc "$root/bench/gen.sh" lint-corpus 1000 "$corpus"
  nfiles=$(find "$corpus" -type f | wc -l)
  nfind=$({ "$authzc" lint --format json "$corpus" || true; } | jq '.diagnostics | length')
  want_exit=1 # the hand-written teams have errors on purpose
  measure - "$authzc" lint "$corpus"
  want_exit=0
  t=$med
  p=$peak
  # shellcheck disable=SC2016 # the inner sh expands its arguments
  measure - sh -c 'find "$1" -name "*.json" -exec jq empty {} + && find "$1" -name "*.tf" -exec "$2" -parse {} +' sh "$corpus" "$work/hclcheck"
  echo "| lint corpus: compiled JSON and .tf of 1,000 accounts each + 1,000 hand-written teams ($nfiles files, $nfind findings; peak $(mib "$p") MiB) | $(fmt "$t") | jq empty + HCL parser | $(fmt "$med") | $(ratio "$t" "$med") | (no target) |"
  # lint --fix of one generated file with many fixes (gen.sh fixable): checking each fix
  # against the file's accepted ones is O(log n), so --fix costs about what lint does.
  fx=$work/in/fixable-20000.json
  "$root/bench/gen.sh" fixable 20000 "$fx"
  want_exit=1 # the findings are errors
  measure - "$authzc" lint "$fx"
  want_exit=0
  t=$med
  measure /dev/null "$authzc" lint --fix --diff "$fx" # (the diff is on standard output)
  echo "| one JSON file of 20,000 bodies, 80,000 fixable findings: lint --fix --diff | $(fmt "$med") | lint of the same file | $(fmt "$t") | $(ratio "$med" "$t") | (no target) |"
fi

# Issue 18: lint's peak memory against the size of what it reads (target: at most 3x, for
# JSON, scripts and Terraform plans alike), a Terraform plan of about 50 MB against compile
# writing the matching .tf (target: at most 4x its time), and compile against a durable copy
# of its output (`dd conv=fsync`, target: at most 2x).
if "$authzc" lint --help >/dev/null 2>&1 && [ -f "$work/in/accounts-10000.authz" ]; then
  echo
  echo "### lint memory, plan JSON, durable copy (issue 18)"
  echo
  echo "| input | size (MiB) | command | time (s) | peak RSS (MiB) | peak ÷ size | baseline | baseline (s) | × baseline | target met |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  kib_of() { du -sk --apparent-size "$1" | cut -f1; }
  dir=$work/out/lint-json-10000
  rm -rf "$dir"
  "$authzc" compile -t json -o "$dir" "$work/in/accounts-10000.authz"
  k=$(kib_of "$dir")
  measure - "$authzc" lint "$dir"
  echo "| compiled JSON of 10,000 accounts ($(find "$dir" -name '*.json' | wc -l) files) | $(mib "$k") | lint | $(fmt "$med") | $(mib "$peak") | $(ratio "$peak" "$k") | | | | ≤3× $(verdict "$peak <= 3 * $k") |"
  sh=$work/out/accounts-10000.sh
  [ -f "$sh" ] || "$authzc" compile -t cli -o "$sh" "$work/in/accounts-10000.authz"
  k=$(kib_of "$sh")
  measure - "$authzc" lint "$sh"
  echo "| ibmcloud script of 10,000 accounts | $(mib "$k") | lint | $(fmt "$med") | $(mib "$peak") | $(ratio "$peak" "$k") | | | | ≤3× $(verdict "$peak <= 3 * $k") |"
  # The plan of 3,500 accounts is about 50 MB (one line, with planned_values, as Terraform
  # writes it); the baseline is compile writing the .tf of the same accounts.
  np=${BENCH_PLAN_ACCOUNTS:-3500}
  plan=$work/in/plan-$np.json
  "$root/bench/gen.sh" plan "$np" "$plan"
  "$root/bench/gen.sh" accounts "$np" "$work/in/accounts-$np.authz"
  k=$(kib_of "$plan")
  measure - "$authzc" lint "$plan"
  t=$med
  p=$peak
  measure "$work/out/accounts-$np.tf" "$authzc" compile -t terraform "$work/in/accounts-$np.authz"
  echo "| Terraform plan of $np accounts ($(jq '.resource_changes | length' "$plan") resource changes) | $(mib "$k") | lint | $(fmt "$t") | $(mib "$p") | $(ratio "$p" "$k") | compile -t terraform of the same accounts | $(fmt "$med") | $(ratio "$t" "$med") | ≤3× $(verdict "$p <= 3 * $k"); ≤4× $(verdict "$t <= 4 * $med") |"
  # The 10,000-account .tf: lint's memory against its size and its time against compile
  # writing it (the file compile -o makes: atomic and durable, fsynced before its rename).
  tf=$work/out/accounts-10000.tf
  measure - "$authzc" compile -t terraform -o "$tf" "$work/in/accounts-10000.authz"
  c=$med
  k=$(kib_of "$tf")
  measure - "$authzc" lint "$tf"
  echo "| 10,000-account .tf | $(mib "$k") | lint | $(fmt "$med") | $(mib "$peak") | $(ratio "$peak" "$k") | compile -t terraform -o of the same accounts | $(fmt "$c") | $(ratio "$med" "$c") | ≤3× $(verdict "$peak <= 3 * $k"); ≤4× $(verdict "$med <= 4 * $c") |"
  # compile -o against a durable copy of the same bytes (dd conv=fsync): both end with the
  # file's data on disk.
  measure - dd if="$tf" of="$work/out/dd.tf" bs=1M conv=fsync status=none
  echo "| DSL, 10,000 accounts | $(mib "$k") | compile -t terraform -o | $(fmt "$c") | | | dd conv=fsync of the output | $(fmt "$med") | $(ratio "$c" "$med") | ≤2× $(verdict "$c <= 2 * $med") |"
fi
