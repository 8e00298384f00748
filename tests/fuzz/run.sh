#!/usr/bin/env bash
# run.sh [SECONDS] [HARNESS...] - builds the libFuzzer harnesses with clang, ASan and UBSan
# (build-fuzz/), seeds each corpus from the golden cases and examples, and runs every
# harness for SECONDS (default 600), two at a time. A crash is kept under
# build-fuzz/artifacts/HARNESS/; copy it to tests/fuzz/regressions/HARNESS/ once fixed so
# ctest replays it for ever.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-600}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(dsl yaml lint_json lint_hcl lint_sh compile fmt)
build=${FUZZ_BUILD:-$root/build-fuzz}

command -v clang >/dev/null || { echo "run.sh: needs clang (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }
cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang -DAZ_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j2 >/dev/null

seed() { # harness -> corpus folder
  local h=$1 dir=$build/corpus/$1 patterns=()
  case $h in
    dsl | compile | fmt) patterns=('*.authz') ;;
    yaml) patterns=('*.yaml' '*.yml') ;;
    lint_json | live | lint_tfplan) patterns=('*.json') ;;
    lint_hcl) patterns=('*.tf') ;;
    lint_sh) patterns=('*.sh') ;;
  esac
  mkdir -p "$dir"
  # Most cases name their input alike (input.authz), so each seed is named by its content.
  for p in "${patterns[@]}"; do
    while IFS= read -r -d '' f; do
      cp "$f" "$dir/$(sha1sum <"$f" | cut -c1-16)"
    done < <(find "$root/tests/cases" "$root/examples" -type f -name "$p" -not -path '*/expected.out/*' \
      -size -64k -print0)
  done
  if [ -d "$root/tests/fuzz/regressions/$h" ]; then cp "$root/tests/fuzz/regressions/$h"/* "$dir"/ 2>/dev/null || true; fi
  echo "$dir"
}

run_one() {
  local h=$1 corpus art
  corpus=$(seed "$h")
  art=$build/artifacts/$h
  mkdir -p "$art"
  "$build/tests/fuzz/fuzz-$h" "$corpus" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -artifact_prefix="$art/" -print_final_stats=1 >"$build/fuzz-$h.log" 2>&1
}

pids=()
status=0
for h in "${harnesses[@]}"; do
  run_one "$h" &
  pids+=($!)
  if [ ${#pids[@]} -ge 2 ]; then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
  fi
done
for p in "${pids[@]}"; do wait "$p" || status=1; done

for h in "${harnesses[@]}"; do
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$build/fuzz-$h.log" | grep -o '[0-9]*$' || echo '?')
  crashes=$(find "$build/artifacts/$h" -type f | wc -l)
  echo "fuzz-$h: $runs runs in ${secs}s, $crashes crash/timeout/oom input(s) in $build/artifacts/$h"
done
exit $status
