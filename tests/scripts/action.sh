#!/usr/bin/env bash
# tests/scripts/action.sh - the composite GitHub Action (action.yml) and the README workflow
# that uses it, as far as they can be tested off GitHub:
#   1. action.yml parses as YAML, is composite, has the inputs paths, intent, fail-on, format
#      and the output sarif-file (from the lint step); its run steps are bash, take inputs
#      only through env (no ${{ }} in a script), and pass bash -n and shellcheck;
#   2. README's workflow parses, uses the action with inputs it has, and uploads the SARIF
#      file the action names;
#   3. the steps run here as the runner would run them (GITHUB_ACTION_PATH, RUNNER_TEMP,
#      GITHUB_PATH, GITHUB_OUTPUT faked): the install step builds and installs authzc from
#      this tree; the lint step passes on good policies and writes valid SARIF, fails (1) on a
#      misspelt role with a SARIF result and a GitHub annotation, and refuses a bad fail-on (2).
#   action.sh SRCDIR SCRATCH
# Exit 77 (skipped) when python3's yaml module or shellcheck is missing.
set -euo pipefail
src=$(realpath "$1") work=$2
python3 -c 'import yaml' 2>/dev/null || { echo "SKIP: python3-yaml is not installed"; exit 77; }
command -v shellcheck >/dev/null || { echo "SKIP: shellcheck is not installed"; exit 77; }
rm -rf "$work" && mkdir -p "$work"
work=$(realpath "$work")
failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }

# 1 and 2: the structure; the run steps are written to step-N.sh, the input defaults to
# defaults.env (NAME=VALUE lines).
python3 - "$src/action.yml" "$src/README.md" "$work" <<'PY' || fail "action.yml or the README workflow (above)"
import re, sys, yaml
action_path, readme_path, work = sys.argv[1:4]
errors = []
action = yaml.safe_load(open(action_path))
inputs = action.get("inputs") or {}
for name in ("paths", "intent", "fail-on", "format"):
    if name not in inputs or not inputs[name].get("description"):
        errors.append(f"action.yml: input '{name}' missing or without a description")
out = (action.get("outputs") or {}).get("sarif-file", {}).get("value", "")
if "steps.lint.outputs.sarif-file" not in out:
    errors.append("action.yml: output sarif-file does not come from the lint step")
runs = action.get("runs") or {}
if runs.get("using") != "composite":
    errors.append("action.yml: not a composite action")
steps = [s for s in runs.get("steps", []) if "run" in s]
if not any(s.get("id") == "lint" for s in steps):
    errors.append("action.yml: no run step with id 'lint'")
for n, step in enumerate(steps, 1):
    if step.get("shell") != "bash":
        errors.append(f"action.yml: step '{step.get('name')}' does not run in bash")
    if "${{" in step["run"]:
        errors.append(f"action.yml: step '{step.get('name')}' splices an expression into its script")
    with open(f"{work}/step-{n}.sh", "w") as f:
        f.write("#!/usr/bin/env bash\n" + step["run"])
    with open(f"{work}/step-{n}.env", "w") as f:
        for k, v in (step.get("env") or {}).items():
            m = re.fullmatch(r"\$\{\{ inputs\.([\w-]+) \}\}", str(v))
            if not m or m.group(1) not in inputs:
                errors.append(f"action.yml: env {k} is not an input of the action")
                continue
            f.write(f"{k}={m.group(1)}\n")
with open(f"{work}/defaults.env", "w") as f:
    for k, v in inputs.items():
        f.write(f"{k}={v.get('default', '')}\n")

# The README's workflow: the YAML block that uses the action.
blocks = re.findall(r"```yaml\n(.*?)```", open(readme_path).read(), re.S)
flows = [yaml.safe_load(b) for b in blocks if "uses: authzc/authzc@" in b]
if len(flows) != 1:
    errors.append(f"README.md: {len(flows)} workflows use authzc/authzc@, expected 1")
else:
    jobs = flows[0].get("jobs") or {}
    wsteps = [s for j in jobs.values() for s in j.get("steps", [])]
    mine = [s for s in wsteps if str(s.get("uses", "")).startswith("authzc/authzc@")]
    up = [s for s in wsteps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@")]
    if len(mine) != 1 or len(up) != 1:
        errors.append("README.md: the workflow needs one authzc step and one upload-sarif step")
    else:
        for k in (mine[0].get("with") or {}):
            if k not in inputs:
                errors.append(f"README.md: the workflow passes '{k}', which action.yml has no input for")
        want = "steps.%s.outputs.sarif-file" % mine[0].get("id")
        if want not in str((up[0].get("with") or {}).get("sarif_file")):
            errors.append(f"README.md: upload-sarif does not upload ${{{{ {want} }}}}")
        if "cancelled()" not in str(up[0].get("if", "")) and "always()" not in str(up[0].get("if", "")):
            errors.append("README.md: upload-sarif does not run when the lint step fails")
for e in errors:
    print("FAIL:", e, file=sys.stderr)
sys.exit(1 if errors else 0)
PY
for s in "$work"/step-*.sh; do
    bash -n "$s" || fail "bash -n $(basename "$s")"
    shellcheck -s bash "$s" || fail "shellcheck $(basename "$s") (above)"
done
[[ $failed -eq 0 ]] || exit 1
echo "ok: action.yml and the README workflow"

# 3: the steps, as the runner runs them. The install step is step 1, the lint step step 2.
export GITHUB_ACTION_PATH=$src RUNNER_TEMP=$work/runner-temp GITHUB_PATH=$work/github-path
mkdir -p "$RUNNER_TEMP" && : > "$GITHUB_PATH"
(cd "$work" && GITHUB_OUTPUT=$work/install.out timeout 900 bash "$work/step-1.sh") > "$work/install.log" 2>&1 ||
    { cat "$work/install.log" >&2; echo "FAIL: the install step" >&2; exit 1; }
bindir=$(cat "$GITHUB_PATH")
[[ $bindir == "$RUNNER_TEMP/authzc/bin" && -x $bindir/authzc ]] || { echo "FAIL: GITHUB_PATH is '$bindir'" >&2; exit 1; }
echo "ok: the install step built $("$bindir/authzc" --version) into \$RUNNER_TEMP"

ws=$work/workspace
mkdir -p "$ws/policies"
cp "$src/examples/account.authz" "$ws/backups.authz"
"$bindir/authzc" compile -t json "$ws/backups.authz" > "$ws/policies/backups.json"

# lint WANT-STATUS NAME [INPUT=VALUE...]: runs the lint step in the workspace with the action's
# defaults and these inputs; its GITHUB_OUTPUT is $work/NAME.out, its log $work/NAME.log.
lint() {
    local want=$1 name=$2 got=0 kv k v
    shift 2
    declare -A in=()
    while IFS='=' read -r k v; do in[$k]=$v; done < "$work/defaults.env"
    for kv in "$@"; do in[${kv%%=*}]=${kv#*=}; done
    local -a env=()
    while IFS='=' read -r k v; do env+=("$k=${in[$v]}"); done < "$work/step-2.env"
    : > "$work/$name.out"
    (cd "$ws" && env PATH="$bindir:$PATH" GITHUB_OUTPUT="$work/$name.out" "${env[@]}" \
        timeout 120 bash "$work/step-2.sh") > "$work/$name.log" 2>&1 || got=$?
    if [[ $got -ne $want ]]; then
        fail "lint step '$name': exit $got, expected $want"; sed 's/^/    /' "$work/$name.log" >&2
        return 1
    fi
    echo "ok: lint step '$name': exit $got"
}
# sarif NAME PYTHON-CONDITION: the SARIF file of that run is SARIF 2.1.0 by authzc and the
# condition on `doc` holds.
sarif() {
    local file
    file=$ws/$(sed -n 's/^sarif-file=//p' "$work/$1.out")
    [[ -f $file ]] || { fail "'$1': no sarif-file output, or no file there"; return 1; }
    python3 - "$file" "$2" <<'PY' || fail "'$1': the SARIF file $file"
import json, sys
doc = json.load(open(sys.argv[1]))
ok = doc["version"] == "2.1.0" and doc["runs"][0]["tool"]["driver"]["name"] == "authzc"
ok = ok and eval(sys.argv[2], {"doc": doc})
sys.exit(0 if ok else 1)
PY
}
lint 0 clean && sarif clean 'doc["runs"][0]["results"] == []'
grep -qx 'exit-code=0' "$work/clean.out" || fail "'clean': no exit-code=0 output"

sed 's/role:Operator/role:Operater/' "$ws/policies/backups.json" > "$ws/policies/typo.json"
lint 1 typo paths="policies" intent="backups.authz" sarif-file="reports/authzc.sarif" &&
    sarif typo 'any(r["ruleId"] == "AZ206" for r in doc["runs"][0]["results"])'
grep -qx 'sarif-file=reports/authzc.sarif' "$work/typo.out" || fail "'typo': sarif-file output is not reports/authzc.sarif"
grep -q '^::error file=policies/typo.json,line=' "$work/typo.log" || fail "'typo': no GitHub annotation in the log"
grep -qx 'exit-code=1' "$work/typo.out" || fail "'typo': no exit-code=1 output"

if lint 2 bad-input fail-on="never"; then
    grep -q '^::error::authzc: fail-on must be' "$work/bad-input.log" || fail "'bad-input': no ::error:: for fail-on"
fi
exit $failed
