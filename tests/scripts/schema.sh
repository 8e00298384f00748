#!/usr/bin/env bash
# schema.sh AUTHZC SRCDIR SCRATCH - the JSON Schema of the YAML intent (schema/authzc.schema.json)
# is right, checked with Debian's python3-jsonschema:
#   - `authzc schema` prints exactly the committed file, a valid draft 2020-12 schema;
#   - its enums (targets, backup groups, roles) are what `authzc rules --format json` (the rule
#     table) says, so the table is not hard-coded a second time unchecked;
#   - its patterns agree with the checker: probe values (good ones and near misses) are put
#     into an intent and `authzc check` accepts exactly those the schema accepts;
#   - every example validates, and so does each single-item form (backup: volumes, ...);
#   - every YAML file under tests/cases/yaml/ is classified below: "invalid" (a schema error:
#     unknown key, wrong type, bad enum or pattern; the schema must reject it), "valid" (its
#     error is one JSON Schema cannot see; the schema must accept it), "unloadable" (not YAML
#     a YAML library loads; loading must fail) or "aliases" (expands without bound when
#     loaded; the file must hold an alias). A new case that is not classified fails the test.
# YAML is loaded with PyYAML's BaseLoader: every scalar a string, as authzc reads YAML.
set -euo pipefail
authzc=$1
src=$2
scratch=$3
rm -rf "$scratch"
mkdir -p "$scratch"
"$authzc" schema >"$scratch/printed.json"
cmp "$src/schema/authzc.schema.json" "$scratch/printed.json" ||
  { echo "FAIL: 'authzc schema' differs from schema/authzc.schema.json"; exit 1; }
"$authzc" rules --format json >"$scratch/rules.json"

exec python3 - "$authzc" "$src" "$scratch" <<'PY'
import glob, json, os, subprocess, sys
import jsonschema, yaml

authzc, src, scratch = sys.argv[1:4]
schema = json.load(open(os.path.join(src, "schema/authzc.schema.json")))
rules = json.load(open(os.path.join(scratch, "rules.json")))
fails = []
passes = 0

def check(ok, what):
    global passes
    if ok:
        passes += 1
    else:
        fails.append(what)

# ---- the schema itself ----
check(schema.get("$schema") == "https://json-schema.org/draft/2020-12/schema",
      "the schema does not declare draft 2020-12")
try:
    jsonschema.Draft202012Validator.check_schema(schema)
    check(True, "")
except jsonschema.SchemaError as e:
    check(False, "not a valid draft 2020-12 schema: %s" % e.message)
validator = jsonschema.Draft202012Validator(schema)

def valid(doc):
    return validator.is_valid(doc)

# ---- enums = the rule table ----
defs = schema["$defs"]
authorizable = [t for t in rules["targets"] if not t["instanceScoped"]]
services = {t["serviceName"] for t in authorizable}
want_targets = [t["name"] for t in authorizable if not t["enterpriseOnly"]]
want_child_targets = [t["name"] for t in authorizable]
want_roles = []
for r in rules["roles"]:
    if r["service"] is None or r["service"] in services:
        for k in ("displayName", "id", "crn"):
            if r[k] not in want_roles:
                want_roles.append(r[k])
want_groups = sorted({t["groups"] for t in rules["targets"] if t["groups"]}) + ["all"]
for name, got, want in (("target", defs["target"]["enum"], want_targets),
                        ("childTarget", defs["childTarget"]["enum"], want_child_targets),
                        ("role", defs["role"]["enum"], want_roles),
                        ("group", defs["group"]["enum"], want_groups)):
    check(sorted(got) == sorted(want),
          "$defs/%s/enum is %s; the rule table says %s" % (name, got, want))

# ---- patterns = the checker ----
def run_check(doc):
    path = os.path.join(scratch, "probe.yaml")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)  # JSON is YAML
    r = subprocess.run([authzc, "check", path], capture_output=True)
    if r.returncode not in (0, 1):
        fails.append("authzc check exited %d on %s: %s" % (r.returncode, doc, r.stderr))
    return r.returncode == 0

ENT = "ffffffffffffffffffffffffffffffff"
ACC = "0123456789abcdef0123456789abcdef"
GUID = "6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
roles_of = {t["name"]: t["roles"] for t in rules["targets"]}
def account(**kw):
    return {"accounts": [dict({"id": "current", "backup": ["volumes"]}, **kw)]}
def template(**kw):
    t = dict({"name": "t", "backup": ["volumes"], "assign": [{"account": ACC}]}, **kw)
    return {"enterprises": [{"id": ENT, "templates": [t]}]}
def child(**kw):
    return {"enterprises": [{"id": ENT, "children": [dict({"id": ACC}, **kw)]}]}

probes = []
for v in [ACC, "current", ACC.upper(), ACC[:31], ACC + "0", "g" * 32, "", " " + ACC[1:]]:
    probes.append(("account id %r" % v, account(id=v)))
for v in [ACC, "current", ACC[:-1] + "g"]:
    probes.append(("child id %r" % v, child(id=v, backup=["volumes"])))
for v in [GUID, GUID.upper(), GUID.replace("-", ""), GUID + "0", "{%s}" % GUID, GUID[:-1] + "g"]:
    probes.append(("notify %r" % v, account(notify=[v])))
for v in [ACC, ACC.upper(), ACC[:8]]:
    probes.append(("assign account %r" % v, template(assign=[{"account": v}])))
for v in ["AccountGroup-0a1b2c3d", "a", "A" * 32, "A" * 33, "group_1", "group 1", ""]:
    probes.append(("assign account-group %r" % v, template(assign=[{"account-group": v}])))
for v in ["t", "backup-for-vpc", "Backup for VPC 1.0", "a_b", "x" * 240, "x" * 241, "a/b", "é", ""]:
    probes.append(("template name %r" % v, template(name=v)))
for v in ["", "é" * 300, "é" * 301, "tab\there", "del\x7f", "nbsp\u00a0ok"]:
    probes.append(("description %r" % v[:20], account(description=v)))
for v in ["volumes", "shares", "all", "volume", "Volumes", ""]:
    probes.append(("backup %r" % v, account(backup=[v])))
for t in [t["name"] for t in rules["targets"]] + ["volumes", "Volume"]:
    grant = [{"target": t, "roles": roles_of.get(t, ["Operator"])}]
    probes.append(("authorize %r in an account" % t, account(authorize=grant)))
    probes.append(("authorize %r in a child" % t, child(authorize=grant)))
    probes.append(("authorize %r in a template" % t, template(authorize=grant)))
for r in rules["roles"]:
    for k in ("displayName", "id", "crn"):
        grant = [{"target": "share", "roles": ["Editor", "Share Snapshot Operator", r[k]]}]
        probes.append(("role %r" % r[k], account(authorize=grant)))
for v in ["operator", "Share Snapshot Operator ", "crn:v1:bluemix:public:iam::::serviceRole:Operator",
          "Editor, Viewer"]:
    grant = [{"target": "share", "roles": ["Editor", "Share Snapshot Operator", v]}]
    probes.append(("role %r" % v, account(authorize=grant)))
for what, doc in probes:
    s, c = valid(doc), run_check(doc)
    check(s == c, "%s: the schema %s it, authzc check %s it" %
          (what, "accepts" if s else "rejects", "accepts" if c else "rejects"))

# ---- a single item where a list is expected (the team's decision, issue 17) ----
single = {
    "backup: volumes": account(backup="volumes"),
    "notify: GUID": account(notify=GUID),
    "roles: Operator": account(authorize=[{"target": "volume", "roles": "Operator"}]),
    "authorize: {...}": account(authorize={"target": "volume", "roles": ["Operator"]}),
    "assign: {account: ID}": template(assign={"account": ACC}),
    "accounts: {...}": {"accounts": {"id": "current", "backup": "all"}},
    "children: {...}": {"enterprises": {"id": ENT, "children": {"id": ACC, "backup": "all"}}},
    "templates: {...}": {"enterprises": [{"id": ENT, "templates": template()["enterprises"][0]["templates"][0]}]},
}
for what, doc in single.items():
    check(valid(doc), "the schema refuses the single-item form %s" % what)
for what, doc in {"roles: []": account(authorize=[{"target": "volume", "roles": []}]),
                  "assign: []": template(assign=[]),
                  "assign item with two keys": template(assign=[{"account": ACC, "account-group": "g"}]),
                  "assign in an account": account(assign=[{"account": ACC}]),
                  "notify in a template": template(notify=[GUID]),
                  "template without assign": {"enterprises": [{"id": ENT, "templates": [{"name": "t", "backup": "all"}]}]},
                  "a null value": account(description=None)}.items():
    check(not valid(doc), "the schema accepts %s" % what)

# ---- files ----
def load(path):
    text = open(path, "rb").read().decode("utf-8")
    node = yaml.compose(text, Loader=yaml.BaseLoader)
    if node is None or (isinstance(node, yaml.ScalarNode) and node.style is None and node.value == ""):
        return None  # an empty file or document: an empty intent
    return yaml.load(text, Loader=yaml.BaseLoader)

for path in sorted(glob.glob(os.path.join(src, "examples", "*.yaml"))):
    check(valid(load(path)), "example %s does not validate" % path)
    first = open(path, encoding="utf-8").readline()
    check(first == "# yaml-language-server: $schema=../schema/authzc.schema.json\n",
          "example %s does not start with the yaml-language-server comment" % path)

CASES = {
    "AZ100-mapping-value/intent.yaml": ("unloadable", "YAML syntax: ': ' in a plain value"),
    "AZ100-missing-colon/intent.yaml": ("unloadable", "YAML syntax: a key without ':'"),
    "AZ100-tab-indent/intent.yaml": ("unloadable", "YAML syntax: a tab indent"),
    "AZ100-two-documents/intent.yaml": ("unloadable", "two documents in one file"),
    "AZ100-unclosed-bracket/intent.yaml": ("unloadable", "YAML syntax: an open '['"),
    "AZ101-unterminated-single/intent.yaml": ("unloadable", "an unclosed quoted string"),
    "AZ101-unterminated-string/intent.yaml": ("unloadable", "an unclosed quoted string"),
    "AZ102-bad-escape/intent.yaml": ("unloadable", "an unknown escape in a quoted string"),
    "AZ102-nul-escape/intent.yaml": ("invalid", "a description holding a NUL: the control-character pattern"),
    "AZ103-bad-utf8/intent.yaml": ("unloadable", "not UTF-8"),
    "AZ103-truncated-utf8/intent.yaml": ("unloadable", "not UTF-8"),
    "AZ104-control-char/intent.yaml": ("unloadable", "a raw control character is not YAML"),
    "AZ104-lone-cr/intent.yaml": ("valid", "a lone CR is a line end to YAML; authzc refuses it as a character, not a schema matter"),
    "AZ104-nul-byte/intent.yaml": ("unloadable", "a NUL byte is not YAML"),
    "AZ106-at-limit/intent.yaml": ("invalid", "a description longer than 300 characters: maxLength"),
    "AZ106-deep-block/intent.yaml": ("unloadable", "nests deeper than the loader goes"),
    "AZ106-deep-flow/intent.yaml": ("unloadable", "nests deeper than the loader goes"),
    "AZ106-long-string/intent.yaml": ("invalid", "a description longer than 300 characters: maxLength"),
    "AZ110-misplaced-key/intent.yaml": ("invalid", "keys in the wrong mapping: additionalProperties"),
    "AZ110-ok/intent.yaml": ("valid", "a good intent"),
    "AZ110-unknown-key/intent.yaml": ("invalid", "an unknown key: additionalProperties"),
    "AZ111-assign-one-key/intent.yaml": ("invalid", "an assign item with two keys: maxProperties"),
    "AZ111-empty-list/intent.yaml": ("invalid", "an empty value where a list goes: type"),
    "AZ111-missing-key/intent.yaml": ("invalid", "items without id, target or roles: required"),
    "AZ111-root/list.yaml": ("invalid", "a list at the top: type"),
    "AZ111-root/scalar.yaml": ("invalid", "a string at the top: type"),
    "AZ111-wrong-kind/intent.yaml": ("invalid", "values of the wrong kind: type"),
    "AZ112-duplicate-key/intent.yaml": ("valid", "duplicate keys: the loader keeps one, JSON Schema cannot see them"),
    "AZ112-ok/intent.yaml": ("valid", "a good intent"),
    "AZ113-anchor-alias/intent.yaml": ("valid", "anchors and aliases: the loader expands them; authzc refuses them, not a schema matter"),
    "AZ113-billion-laughs/intent.yaml": ("aliases", "exponential aliases: never expanded here"),
    "AZ113-merge-key/intent.yaml": ("invalid", "'<<' is an unknown key to the schema: additionalProperties"),
    "AZ113-ok/intent.yaml": ("valid", "a good intent"),
    "AZ113-tag/intent.yaml": ("invalid", "the !!binary value of notify is not a GUID: pattern (the tags are not a schema matter)"),
    "AZ403-conflict/intent.yaml": ("valid", "two descriptions for one account: the checker's matter (AZ403), across list items"),
    "AZ411-empty-intent/intent.yaml": ("valid", "an empty intent: the checker's matter (AZ411), not the schema's"),
    "child-and-account-coexist/intent.yaml": ("valid", "a good intent: a child also declared as an account"),
    "bom-ok/intent.yaml": ("valid", "a good intent after a byte order mark"),
    "bom/intent.yaml": ("invalid", "an unknown key: additionalProperties"),
    "control-char-description/intent.yaml": ("invalid", "a tab in a description, a key with an escape character: pattern, additionalProperties"),
    "crlf-ok/intent.yaml": ("valid", "a good intent with CRLF line ends"),
    "crlf/intent.yaml": ("invalid", "an unknown key: additionalProperties"),
    "empty-document/comments.yaml": ("valid", "only comments: an empty intent"),
    "empty-document/document.yaml": ("valid", "an empty document: an empty intent"),
    "empty-file/intent.yaml": ("valid", "an empty file: an empty intent"),
    "example-account/account.yaml": ("valid", "an example"),
    "example-authorize/authorize.yaml": ("valid", "an example"),
    "example-current/current.yaml": ("valid", "an example"),
    "example-enterprise-child/enterprise-child.yaml": ("valid", "an example"),
    "example-enterprise-template/enterprise-template.yaml": ("valid", "an example"),
    "mixed-style/intent.yaml": ("valid", "a good intent in block and flow style"),
    "scalar-backup/intent.yaml": ("valid", "a single group without its list"),
    "several-errors/intent.yaml": ("invalid", "unknown keys, a bad ID: additionalProperties, pattern"),
    "template-notify/intent.yaml": ("invalid", "assign in an account, notify in a template: additionalProperties"),
    "verbatim-scalars/intent.yaml": ("invalid", "'12e3' is not an account ID, 'no' not a group: pattern, enum"),
    "with-dsl/b.yaml": ("valid", "conflicts with a DSL file: the checker's matter, across files"),
}
root = os.path.join(src, "tests", "cases", "yaml")
found = sorted(os.path.relpath(p, root) for p in glob.glob(os.path.join(root, "*", "*.y*ml")))
for rel in found:
    if rel not in CASES:
        fails.append("tests/cases/yaml/%s is not classified in schema.sh (invalid, valid, unloadable or aliases)" % rel)
        continue
    verdict, reason = CASES[rel]
    path = os.path.join(root, rel)
    if verdict == "aliases":
        events = yaml.parse(open(path, "rb").read().decode("utf-8"), Loader=yaml.BaseLoader)
        check(any(isinstance(e, yaml.AliasEvent) for e in events), "%s: no alias in it" % rel)
        continue
    try:
        doc = load(path)
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError) as e:
        check(verdict == "unloadable", "%s (%s): YAML does not load: %s" % (rel, reason, type(e).__name__))
        continue
    if verdict == "unloadable":
        fails.append("%s (%s): loads, but is classified unloadable" % (rel, reason))
    elif verdict == "invalid":
        check(not valid(doc), "%s (%s): the schema accepts it" % (rel, reason))
    else:
        errs = [e.message[:120] for e in validator.iter_errors(doc)]
        check(not errs, "%s (%s): the schema rejects it: %s" % (rel, reason, errs[:1]))
for rel in CASES:
    if rel not in found:
        fails.append("schema.sh classifies %s, which no longer exists" % rel)

for f in fails:
    print("FAIL:", f)
print("schema: %d checks passed, %d failed" % (passes, len(fails)))
sys.exit(1 if fails else 0)
PY
