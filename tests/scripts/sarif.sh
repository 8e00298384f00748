#!/usr/bin/env bash
# sarif.sh AUTHZC SRCDIR SCRATCH - authzc's SARIF output is valid SARIF 2.1.0 and says what
# the text output says:
#  - `authzc lint --format sarif` over a corpus with findings (the lint and lint-json golden
#    inputs, plus files whose names and lines need escaping and UTF-16 columns), and
#    `authzc check --format sarif` on a bad intent, and a run with an I/O error;
#  - each log is validated against the official SARIF 2.1.0 JSON schema (it ships in npm's
#    @microsoft/jest-sarif as sarif-2.1.0-rtm.5.json) by two validators: ajv (the one
#    jest-sarif itself uses, draft-04 mode) and Python's jsonschema (Debian:
#    python3-jsonschema) when it is installed;
#  - every result has a ruleId, a ruleIndex pointing at the rule with that ID, a level equal
#    to the rule's default, a message, and a location with an artifact URI and a region
#    (startLine, startColumn, endColumn >= startColumn); related locations likewise;
#  - a result with a fix (lint --fix's repair) carries one fix changing its own artifact, with
#    replacements (deletedRegion, insertedContent), and its rule is marked fixable;
#  - the results are the findings of `--format json` for the same run, one for one.
# The schema and ajv are installed once with npm into SCRATCH/npm (kept between runs, so the
# test works offline afterwards; AZ_SARIF_NPM_DIR overrides the place). No other network.
set -uo pipefail

if [ $# -ne 3 ]; then
    echo "usage: $0 AUTHZC SRCDIR SCRATCH" >&2
    exit 2
fi
authzc=$1
src=$2
scratch=$3
npm_dir=${AZ_SARIF_NPM_DIR:-$scratch/npm}
package=@microsoft/jest-sarif@1.0.0-beta.0

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() {
    echo "FAIL: $*"
    fail=$((fail + 1))
}

# ---- the schema and the validators -------------------------------------------------------
schema=$npm_dir/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json
ajv_dir=$npm_dir/node_modules/ajv
if [ ! -f "$schema" ] || [ ! -d "$ajv_dir" ]; then
    command -v npm >/dev/null 2>&1 || { echo "FAIL: npm is needed once to fetch the SARIF schema ($package)"; exit 1; }
    mkdir -p "$npm_dir"
    if ! npm install --prefix "$npm_dir" --no-save --no-audit --no-fund --ignore-scripts \
        --loglevel=error "$package" >"$npm_dir/install.log" 2>&1; then
        echo "FAIL: cannot install $package with npm (is the registry reachable?):"
        sed 's/^/    /' "$npm_dir/install.log" | tail -20
        exit 1
    fi
    if [ ! -f "$schema" ] || [ ! -d "$ajv_dir" ]; then
        echo "FAIL: $package installed, but $schema or ajv is missing"
        exit 1
    fi
fi
command -v node >/dev/null 2>&1 || { echo "FAIL: node is needed to run ajv"; exit 1; }
grep -q '"2.1.0"' "$schema" || { echo "FAIL: $schema is not the SARIF 2.1.0 schema"; exit 1; }

python=
for p in /usr/bin/python3 python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import jsonschema' 2>/dev/null; then
        python=$p
        break
    fi
done

rm -rf "$scratch/corpus" "$scratch/out"
mkdir -p "$scratch/corpus" "$scratch/out"

# checker.js SCHEMA SARIF [JSON]: schema validation with ajv, then the semantic checks.
cat >"$scratch/out/checker.js" <<'EOF'
'use strict';
const fs = require('fs');
const path = require('path');
const [schemaPath, sarifPath, jsonPath, ajvDir] = process.argv.slice(2);
const Ajv = require(ajvDir);
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
const ajv = new Ajv({schemaId: 'auto', validateSchema: false, allErrors: true});
ajv.addMetaSchema(require(path.join(ajvDir, 'lib/refs/json-schema-draft-04.json')));
const log = JSON.parse(fs.readFileSync(sarifPath, 'utf8'));
const problems = [];
if (!ajv.validate(schema, log))
  for (const e of ajv.errors.slice(0, 20))
    problems.push(`schema: ${e.dataPath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
const run = log.runs && log.runs[0];
const rules = (run && run.tool && run.tool.driver && run.tool.driver.rules) || [];
if (!run || log.runs.length !== 1) problems.push('expected exactly one run');
const region = (loc, what) => {
  const pl = loc && loc.physicalLocation;
  if (!pl || !pl.artifactLocation || !pl.artifactLocation.uri) { problems.push(`${what}: no artifact URI`); return; }
  const r = pl.region;
  if (!r || !(r.startLine >= 1) || !(r.startColumn >= 1) || !(r.endColumn >= r.startColumn))
    problems.push(`${what}: bad region ${JSON.stringify(r)}`);
};
const results = (run && run.results) || [];
results.forEach((res, i) => {
  const what = `results[${i}]`;
  if (typeof res.ruleId !== 'string' || !/^AZ\d{3}$/.test(res.ruleId)) problems.push(`${what}: ruleId ${res.ruleId}`);
  if (!Number.isInteger(res.ruleIndex) || !rules[res.ruleIndex]) problems.push(`${what}: ruleIndex ${res.ruleIndex} is not a rule`);
  else {
    const rule = rules[res.ruleIndex];
    if (rule.id !== res.ruleId) problems.push(`${what}: ruleIndex ${res.ruleIndex} is ${rule.id}, not ${res.ruleId}`);
    const def = rule.defaultConfiguration && rule.defaultConfiguration.level;
    if (res.level !== def) problems.push(`${what}: level ${res.level}, rule default ${def}`);
    if (!rule.shortDescription || !rule.fullDescription) problems.push(`${what}: rule ${rule.id} has no descriptions`);
  }
  if (!res.message || !res.message.text) problems.push(`${what}: no message`);
  if (!res.locations || res.locations.length !== 1) problems.push(`${what}: expected one location`);
  else region(res.locations[0], what);
  (res.fixes || []).forEach((fx, k) => {
    const w = `${what}.fixes[${k}]`;
    const uri = res.locations && res.locations[0] && res.locations[0].physicalLocation.artifactLocation.uri;
    if (!fx.artifactChanges || fx.artifactChanges.length !== 1) { problems.push(`${w}: expected one artifactChange`); return; }
    const ch = fx.artifactChanges[0];
    if (!ch.artifactLocation || ch.artifactLocation.uri !== uri) problems.push(`${w}: changes ${ch.artifactLocation && ch.artifactLocation.uri}, not the result's ${uri}`);
    if (!ch.replacements || !ch.replacements.length) problems.push(`${w}: no replacements`);
    (ch.replacements || []).forEach((r, j) => {
      const d = r.deletedRegion || {};
      const okRegion = d.startLine >= 1 && d.startColumn >= 1 && d.endLine >= d.startLine &&
        (d.endLine > d.startLine || d.endColumn >= d.startColumn);
      if (!okRegion) problems.push(`${w}.replacements[${j}]: bad deletedRegion ${JSON.stringify(d)}`);
      if (!r.insertedContent || typeof r.insertedContent.text !== 'string') problems.push(`${w}.replacements[${j}]: no insertedContent.text`);
    });
    const rule = rules[res.ruleIndex];
    if (rule && !(rule.properties && rule.properties.fixable === true)) problems.push(`${w}: rule ${rule.id} is not marked fixable`);
  });
  (res.relatedLocations || []).forEach((l, k) => {
    region(l, `${what}.relatedLocations[${k}]`);
    if (!l.message || !l.message.text) problems.push(`${what}.relatedLocations[${k}]: no message`);
  });
});
const ids = new Set();
rules.forEach((r, i) => { if (ids.has(r.id)) problems.push(`rules[${i}]: ${r.id} twice`); ids.add(r.id); });
if (jsonPath) {
  const findings = JSON.parse(fs.readFileSync(jsonPath, 'utf8')).diagnostics.filter(d => d.id && d.file);
  const key = (id, file, line, msg) => `${id} ${file}:${line} ${msg}`;
  const uri = u => { try { return decodeURIComponent(u); } catch (e) { return `<bad URI ${u}>`; } };
  const a = results.map(r => key(r.ruleId, uri(r.locations[0].physicalLocation.artifactLocation.uri),
                                  r.locations[0].physicalLocation.region.startLine, r.message.text));
  const b = findings.map(d => key(d.id, d.file, d.line, d.message));
  if (a.length !== b.length) problems.push(`${a.length} SARIF results, ${b.length} findings in --format json`);
  for (let i = 0; i < Math.min(a.length, b.length); i++)
    if (a[i] !== b[i]) { problems.push(`result ${i}: SARIF '${a[i]}' but json '${b[i]}'`); break; }
}
if (problems.length) { console.log(problems.join('\n')); process.exit(1); }
console.log(`${results.length} results`);
EOF

# checker.py SCHEMA SARIF: the same schema, an independent validator.
cat >"$scratch/out/checker.py" <<'EOF'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1], encoding='utf-8'))
log = json.load(open(sys.argv[2], encoding='utf-8'))
v = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
errors = sorted(v.iter_errors(log), key=lambda e: list(e.path))
for e in errors[:20]:
    print('schema: /%s %s' % ('/'.join(map(str, e.path)), e.message[:300]))
sys.exit(1 if errors else 0)
EOF

# validate NAME SARIF [JSON]
validate() {
    local name=$1 sarif=$2 json=${3:-}
    if node "$scratch/out/checker.js" "$schema" "$sarif" "$json" "$ajv_dir" >"$sarif.ajv" 2>&1; then
        ok
    else
        bad "$name: ajv or the result checks:"; sed 's/^/    /' "$sarif.ajv"
    fi
    if [ -n "$python" ]; then
        if "$python" "$scratch/out/checker.py" "$schema" "$sarif" >"$sarif.py" 2>&1; then
            ok
        else
            bad "$name: python jsonschema:"; sed 's/^/    /' "$sarif.py"
        fi
    fi
}

# ---- the corpus ---------------------------------------------------------------------------
corpus=$scratch/corpus
for suite in lint lint-json; do
    [ -d "$src/tests/cases/$suite" ] || continue
    mkdir -p "$corpus/$suite"
    (cd "$src/tests/cases/$suite" && find . -path '*/expected.out' -prune -o -type f \
        \( -name '*.json' -o -name '*.tf' -o -name '*.sh' -o -name '*.bash' \) -print) |
        while IFS= read -r f; do
            mkdir -p "$corpus/$suite/$(dirname "$f")"
            cp "$src/tests/cases/$suite/$f" "$corpus/$suite/$f"
        done
done
mkdir -p "$corpus/escapes"
cat >"$corpus/escapes/my policy #1.json" <<'EOF'
{
  "description": "ñandú 🦤 größer", "type": "access",
  "subjects": [{"attributes": [{"name": "accountId", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "value": "is"}, {"name": "resourceType", "value": "backup-policy"}]}],
  "roles": [{"role_id": "crn:v1:bluemix:public:iam::::role:Editor"}, {"role_id": "crn:v1:bluemix:public:is::::serviceRole:ShareSnapshotOperator"}],
  "resources": [{"attributes": [{"name": "accountId", "operator": "stringEquals", "value": "0123456789abcdef0123456789abcdef"},
    {"name": "serviceName", "operator": "stringEquals", "value": "is"}, {"name": "shareId", "operator": "stringEquals", "value": "*"}]}]
}
EOF
printf '{"type": "🦤 ñ", "subjects": [' >"$corpus/escapes/ünïcode.json"

cd "$corpus" || exit 1
"$authzc" lint --format sarif . >"$scratch/out/lint.sarif" 2>"$scratch/out/lint.err"
status=$?
"$authzc" lint --format json . >"$scratch/out/lint.json" 2>/dev/null
if [ "$status" -ne 1 ]; then
    bad "lint over the corpus exits $status, expected 1"; sed 's/^/    /' "$scratch/out/lint.err" | head
elif [ -s "$scratch/out/lint.err" ]; then
    bad "lint --format sarif wrote to standard error:"; sed 's/^/    /' "$scratch/out/lint.err" | head
else
    ok
fi
n=$(grep -c '"ruleId"' "$scratch/out/lint.sarif")
if [ "$n" -lt 20 ]; then bad "the corpus gave only $n results"; else ok; fi
for id in AZ501 AZ405; do
    grep -q "\"ruleId\": \"$id\"" "$scratch/out/lint.sarif" || bad "the corpus has no $id result"
done
grep -q '"relatedLocations"' "$scratch/out/lint.sarif" || bad "no result has related locations"
validate "lint corpus" "$scratch/out/lint.sarif" "$scratch/out/lint.json"

# A missing path: a tool execution notification, executionSuccessful false, exit 2.
"$authzc" lint --format sarif missing.json lint >"$scratch/out/missing.sarif" 2>/dev/null
status=$?
if [ "$status" -eq 2 ]; then ok; else bad "lint of a missing path exits $status, expected 2"; fi
if grep -q '"executionSuccessful": false' "$scratch/out/missing.sarif"; then
    ok
else
    bad "a missing path does not make executionSuccessful false"
fi
validate "lint with a missing path" "$scratch/out/missing.sarif"

# Nothing to report: a valid log with no results.
mkdir -p "$scratch/out/clean"
printf '{"name": "not a policy"}\n' >"$scratch/out/clean/package.json"
"$authzc" lint --format sarif "$scratch/out/clean" >"$scratch/out/clean.sarif" 2>/dev/null
status=$?
if [ "$status" -eq 0 ]; then ok; else bad "lint of a clean folder exits $status, expected 0"; fi
validate "lint without findings" "$scratch/out/clean.sarif"

# check on a bad intent (machine formats go to standard output, as lint's do).
cat >"$scratch/out/bad.authz" <<'EOF'
account "0123456789abcdef0123456789abcdef" {
    authorize snapshot as Viewer
    authorize volumes as Operator
    backup volume
}
EOF
"$authzc" check --format sarif "$scratch/out/bad.authz" >"$scratch/out/check.sarif" \
    2>"$scratch/out/check.stderr"
status=$?
if [ "$status" -eq 1 ]; then ok; else bad "check of a bad intent exits $status, expected 1"; fi
"$authzc" check --format json "$scratch/out/bad.authz" >"$scratch/out/check.json" 2>/dev/null
validate "check of a bad intent" "$scratch/out/check.sarif" "$scratch/out/check.json"

# lint --fix's repairs as SARIF fixes (issue 16): every fixable finding of the fix goldens
# carries one, rules say whether they are fixable, and the log is valid.
if [ -d "$src/tests/cases/fix/json/before" ]; then
    cp -R "$src/tests/cases/fix/json/before" "$scratch/out/fixes"
    (cd "$scratch/out/fixes" && "$authzc" lint --format sarif . >"$scratch/out/fixes.sarif" 2>/dev/null)
    (cd "$scratch/out/fixes" && "$authzc" lint --format json . >"$scratch/out/fixes.json" 2>/dev/null)
    n=$(grep -c '"artifactChanges"' "$scratch/out/fixes.sarif")
    m=$(grep -c '"fix": \[' "$scratch/out/fixes.json")
    if [ "$n" -ge 5 ] && [ "$n" -eq "$m" ]; then ok; else
        bad "the fix corpus has $n SARIF fixes and $m findings with a fix in --format json"
    fi
    grep -q '"fixable": true' "$scratch/out/fixes.sarif" || bad "no SARIF rule is marked fixable"
    grep -q '"fixable": false' "$scratch/out/fixes.sarif" || bad "no SARIF rule is marked not fixable"
    validate "lint with fixes" "$scratch/out/fixes.sarif" "$scratch/out/fixes.json"
else
    bad "tests/cases/fix/json/before is missing"
fi

echo "sarif: ajv${python:+ and python jsonschema} against the official SARIF 2.1.0 schema"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
