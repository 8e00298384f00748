// hclcheck: an independent consumer of authzc's Terraform output.
//
// It uses HashiCorp's own HCL v2 library (not authzc's code) to prove that
// what authzc emits is real, canonically formatted HCL, and to show what the
// IBM provider (v2.5.0) would send to IAM for it.
//
//	hclcheck FILE.tf...
//	    For each file: parse with hclsyntax.ParseConfig (any diagnostic is
//	    printed as "file:line:col: message" and fails), then compare the bytes
//	    with hclwrite.Format (the layout `terraform fmt` produces). A difference
//	    prints the first differing line and fails. On top of hclwrite.Format,
//	    `terraform fmt` also rewrites three things, which are reported too: an
//	    argument that is a lone interpolation ("${x}" becomes x), unquoted
//	    block labels, and quoted variable types (type = "string").
//	    Exit 0 = all files good.
//
//	hclcheck -v2 [-account-id ID] FILE.tf...
//	    Translate every ibm_iam_authorization_policy, ibm_iam_policy_template
//	    and ibm_iam_policy_assignment resource into the JSON body the provider
//	    would send (see /work/shared/design/reference/IBM-FORMATS.md §1, §2)
//	    and print one JSON object on stdout:
//	        {"policies":[{"name":N,"body":{...}}], "templates":[...], "assignments":[...]}
//	    Resources are in file order; object keys are sorted. Expressions that
//	    are not literals are not evaluated: they are rendered as "${<source text>}".
//	    Template bodies carry no account_id (the provider fills in the caller's
//	    account) unless -account-id is given.
//
//	hclcheck -module DIR...
//	    Load every *.tf of DIR as one Terraform module: each file passes the
//	    format checks above, and the module is consistent: required_providers
//	    names IBM-Cloud/ibm (and hashicorp/time when a time_sleep is there);
//	    every `provider = ibm.X` is in configuration_aliases; every reference
//	    in an output names a resource, data source, variable or module call
//	    that exists; output `ready` depends (depends_on or value) on every
//	    ibm_iam_authorization_policy, ibm_iam_policy_template,
//	    ibm_iam_policy_assignment and time_sleep; a time_sleep depends on
//	    every one of those authorizations; no output value has an object key
//	    twice (Terraform refuses a duplicate key).
//
//	hclcheck -parse FILE.tf...
//	    Parse only (the baseline bench/run.sh measures lint against).
//
// Exit status: 0 ok, 1 a check failed, 2 usage or I/O error.
//
// Build (GOPATH mode, no network): tests/consumers/build-hclcheck.sh OUTDIR
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// roleCRNs is hclcheck's own table of role display names (what Terraform's
// `roles` holds) to role CRNs (what the API receives). It is written
// independently of authzc's tables on purpose.
var roleCRNs = map[string]string{
	"Viewer":                  "crn:v1:bluemix:public:iam::::role:Viewer",
	"Operator":                "crn:v1:bluemix:public:iam::::role:Operator",
	"Editor":                  "crn:v1:bluemix:public:iam::::role:Editor",
	"Administrator":           "crn:v1:bluemix:public:iam::::role:Administrator",
	"Reader":                  "crn:v1:bluemix:public:iam::::serviceRole:Reader",
	"Writer":                  "crn:v1:bluemix:public:iam::::serviceRole:Writer",
	"Manager":                 "crn:v1:bluemix:public:iam::::serviceRole:Manager",
	"Share Snapshot Operator": "crn:v1:bluemix:public:is::::serviceRole:ShareSnapshotOperator",
	"Event Source Manager":    "crn:v1:bluemix:public:event-notifications::::serviceRole:Event-Source-Manager",
}

// Scalar arguments of ibm_iam_authorization_policy. The provider declares
// subject_attributes ConflictsWith every source_* scalar and
// resource_attributes ConflictsWith every target_* scalar.
var sourceScalars = []string{"source_service_name", "source_resource_instance_id",
	"source_resource_group_id", "source_resource_type", "source_service_account"}
var targetScalars = []string{"target_service_name", "target_resource_instance_id",
	"target_resource_group_id", "target_resource_type"}

// Terraform meta-arguments that do not change the request body.
var metaArgs = map[string]bool{"depends_on": true, "provider": true}
var metaBlocks = map[string]bool{"lifecycle": true, "timeouts": true}

type problem struct {
	rng hcl.Range
	msg string
}

type translator struct {
	src       []byte
	accountID string
	problems  []problem
}

func (t *translator) fail(rng hcl.Range, format string, args ...interface{}) {
	t.problems = append(t.problems, problem{rng, fmt.Sprintf(format, args...)})
}

func (t *translator) text(rng hcl.Range) string {
	if rng.Start.Byte < 0 || rng.End.Byte > len(t.src) || rng.Start.Byte > rng.End.Byte {
		return ""
	}
	return string(t.src[rng.Start.Byte:rng.End.Byte])
}

// str renders an expression as the string Terraform would pass for a string
// argument: literals are converted, everything else becomes "${source text}".
func (t *translator) str(e hclsyntax.Expression) string {
	switch x := e.(type) {
	case *hclsyntax.TemplateWrapExpr: // "${expr}" is the same as expr
		return "${" + t.text(x.Wrapped.Range()) + "}"
	case *hclsyntax.TemplateExpr:
		// HCL splits a literal with the escapes $${ or %%{ into several literal parts;
		// such a template is still a literal string, and Value() gives its text.
		literal := true
		for _, part := range x.Parts {
			if _, ok := part.(*hclsyntax.LiteralValueExpr); !ok {
				literal = false
			}
		}
		if !literal {
			s := t.text(x.Range())
			if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
				s = s[1 : len(s)-1]
			}
			return s
		}
	}
	v, diags := e.Value(nil)
	if !diags.HasErrors() && v.IsWhollyKnown() && !v.IsNull() {
		switch v.Type() {
		case cty.String:
			return v.AsString()
		case cty.Bool:
			if v.True() {
				return "true"
			}
			return "false"
		case cty.Number:
			return v.AsBigFloat().Text('f', -1)
		}
	}
	return "${" + t.text(e.Range()) + "}"
}

// literalString returns the value of an expression that must be a literal string.
func (t *translator) literalString(e hclsyntax.Expression, what string) (string, bool) {
	v, diags := e.Value(nil)
	if diags.HasErrors() || !v.IsWhollyKnown() || v.IsNull() || v.Type() != cty.String {
		t.fail(e.Range(), "%s must be a literal string", what)
		return "", false
	}
	return v.AsString(), true
}

func (t *translator) roles(e hclsyntax.Expression) []interface{} {
	v, diags := e.Value(nil)
	if diags.HasErrors() || !v.IsWhollyKnown() || v.IsNull() ||
		!(v.Type().IsTupleType() || v.Type().IsListType()) {
		t.fail(e.Range(), "roles must be a literal list of role display names")
		return nil
	}
	out := []interface{}{}
	bad := false
	for it := v.ElementIterator(); it.Next(); {
		_, el := it.Element()
		if el.IsNull() || el.Type() != cty.String {
			t.fail(e.Range(), "roles must be a list of strings")
			return nil
		}
		name := el.AsString()
		crn, ok := roleCRNs[name]
		if !ok {
			t.fail(e.Range(), "RoleDoesnotExist: %q is not a role display name hclcheck knows (one list element per role; display names such as \"Share Snapshot Operator\", not role IDs)", name)
			bad = true
			continue
		}
		out = append(out, map[string]interface{}{"role_id": crn})
	}
	if len(out) == 0 && !bad {
		t.fail(e.Range(), "roles must not be empty")
	}
	return out
}

// checkArgs rejects arguments and blocks that the schema does not have.
func (t *translator) checkArgs(b *hclsyntax.Body, what string, attrs, blocks map[string]bool) {
	for name, a := range b.Attributes {
		if !attrs[name] && !metaArgs[name] {
			t.fail(a.NameRange, "%s: unsupported argument %q", what, name)
		}
	}
	for _, blk := range b.Blocks {
		if !blocks[blk.Type] && !metaBlocks[blk.Type] {
			t.fail(blk.TypeRange, "%s: unsupported block type %q", what, blk.Type)
		}
	}
}

func (t *translator) required(b *hclsyntax.Body, what string, names ...string) bool {
	ok := true
	for _, n := range names {
		if _, has := b.Attributes[n]; !has {
			t.fail(b.SrcRange, "%s: the argument %q is required", what, n)
			ok = false
		}
	}
	return ok
}

func set(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

// attribute converts one attribute block to {key, operator, value}.
// keyName is "name" (authorization policy blocks) or "key" (templates);
// defaultOp is "" when the operator is required.
func (t *translator) attribute(blk *hclsyntax.Block, keyName, defaultOp string) map[string]interface{} {
	what := blk.Type
	t.checkArgs(blk.Body, what, set(keyName, "value", "operator"), set())
	req := []string{keyName, "value"}
	if defaultOp == "" {
		req = append(req, "operator")
	}
	if !t.required(blk.Body, what, req...) {
		return nil
	}
	key, ok := t.literalString(blk.Body.Attributes[keyName].Expr, what+"."+keyName)
	if !ok {
		return nil
	}
	op := defaultOp
	if a, has := blk.Body.Attributes["operator"]; has {
		if op, ok = t.literalString(a.Expr, what+".operator"); !ok {
			return nil
		}
	}
	valExpr := blk.Body.Attributes["value"].Expr
	var value interface{} = t.str(valExpr)
	if op == "stringExists" {
		switch value {
		case "true":
			value = true
		case "false":
			value = false
		default:
			t.fail(valExpr.Range(), "%s: when operator is stringExists, value must be \"true\" or \"false\", not %q", what, value)
			return nil
		}
	}
	return map[string]interface{}{"key": key, "operator": op, "value": value}
}

func (t *translator) authorizationPolicy(blk *hclsyntax.Block) map[string]interface{} {
	b := blk.Body
	what := "ibm_iam_authorization_policy." + blk.Labels[1]
	allowed := set("roles", "description", "transaction_id")
	for _, n := range sourceScalars {
		allowed[n] = true
	}
	for _, n := range targetScalars {
		allowed[n] = true
	}
	t.checkArgs(b, what, allowed, set("subject_attributes", "resource_attributes"))

	var subj, res []*hclsyntax.Block
	for _, c := range b.Blocks {
		switch c.Type {
		case "subject_attributes":
			subj = append(subj, c)
		case "resource_attributes":
			res = append(res, c)
		}
	}
	scalarUsed := false
	for _, group := range []struct {
		scalars []string
		blocks  []*hclsyntax.Block
		block   string
	}{{sourceScalars, subj, "subject_attributes"}, {targetScalars, res, "resource_attributes"}} {
		for _, n := range group.scalars {
			a, has := b.Attributes[n]
			if !has {
				continue
			}
			scalarUsed = true
			if len(group.blocks) > 0 {
				t.fail(a.NameRange, "%s: %q conflicts with %s (the provider declares them ConflictsWith; use only the attribute blocks)", what, n, group.block)
			} else {
				t.fail(a.NameRange, "%s: scalar argument %q is not translated by hclcheck -v2 (authzc emits only subject_attributes/resource_attributes blocks)", what, n)
			}
		}
	}
	if scalarUsed {
		return nil
	}
	if len(subj) == 0 {
		t.fail(b.SrcRange, "%s: needs subject_attributes blocks", what)
	}
	if len(res) == 0 {
		t.fail(b.SrcRange, "%s: needs resource_attributes blocks", what)
	}
	if !t.required(b, what, "roles") {
		return nil
	}
	body := map[string]interface{}{"type": "authorization"}
	var sattrs, rattrs []interface{}
	for _, c := range subj {
		if a := t.attribute(c, "name", "stringEquals"); a != nil {
			sattrs = append(sattrs, a)
		}
	}
	for _, c := range res {
		if a := t.attribute(c, "name", "stringEquals"); a != nil {
			rattrs = append(rattrs, a)
		}
	}
	body["subject"] = map[string]interface{}{"attributes": sattrs}
	body["resource"] = map[string]interface{}{"attributes": rattrs}
	body["control"] = map[string]interface{}{"grant": map[string]interface{}{"roles": t.roles(b.Attributes["roles"].Expr)}}
	if d, has := b.Attributes["description"]; has {
		body["description"] = t.str(d.Expr)
	}
	return body
}

// attributesBlock translates a template's subject {...} or resource {...}.
func (t *translator) attributesBlock(blk *hclsyntax.Block) map[string]interface{} {
	t.checkArgs(blk.Body, blk.Type, set(), set("attributes"))
	attrs := []interface{}{}
	for _, c := range blk.Body.Blocks {
		if c.Type != "attributes" {
			continue
		}
		if a := t.attribute(c, "key", ""); a != nil {
			attrs = append(attrs, a)
		}
	}
	if len(attrs) == 0 {
		t.fail(blk.TypeRange, "%s: needs at least one attributes block", blk.Type)
	}
	return map[string]interface{}{"attributes": attrs}
}

func (t *translator) policyTemplate(blk *hclsyntax.Block) map[string]interface{} {
	b := blk.Body
	what := "ibm_iam_policy_template." + blk.Labels[1]
	t.checkArgs(b, what, set("name", "description", "committed"), set("policy"))
	if !t.required(b, what, "name") {
		return nil
	}
	var policies []*hclsyntax.Block
	for _, c := range b.Blocks {
		if c.Type == "policy" {
			policies = append(policies, c)
		}
	}
	if len(policies) != 1 {
		t.fail(b.SrcRange, "%s: needs exactly one policy block, has %d", what, len(policies))
		return nil
	}
	body := map[string]interface{}{"name": t.str(b.Attributes["name"].Expr)}
	if d, has := b.Attributes["description"]; has {
		body["description"] = t.str(d.Expr)
	}
	if c, has := b.Attributes["committed"]; has {
		// The provider sends committed only when it is true (d.GetOk on a bool).
		v, diags := c.Expr.Value(nil)
		if diags.HasErrors() || v.IsNull() || !v.IsKnown() || v.Type() != cty.Bool {
			t.fail(c.Expr.Range(), "%s: committed must be a literal bool", what)
		} else if v.True() {
			body["committed"] = true
		}
	}
	if t.accountID != "" {
		body["account_id"] = t.accountID
	}
	p := policies[0].Body
	pwhat := what + ".policy"
	t.checkArgs(p, pwhat, set("type", "description", "roles"), set("subject", "resource"))
	if !t.required(p, pwhat, "type", "roles") {
		return nil
	}
	policy := map[string]interface{}{}
	if typ, ok := t.literalString(p.Attributes["type"].Expr, pwhat+".type"); ok {
		if typ != "authorization" && typ != "access" {
			t.fail(p.Attributes["type"].Expr.Range(), "%s.type must be \"authorization\" or \"access\"", pwhat)
		}
		policy["type"] = typ
	}
	if d, has := p.Attributes["description"]; has {
		policy["description"] = t.str(d.Expr)
	}
	seen := map[string]bool{}
	for _, c := range p.Blocks {
		if c.Type != "subject" && c.Type != "resource" {
			continue
		}
		if seen[c.Type] {
			t.fail(c.TypeRange, "%s: more than one %s block", pwhat, c.Type)
			continue
		}
		seen[c.Type] = true
		policy[c.Type] = t.attributesBlock(c)
	}
	policy["control"] = map[string]interface{}{"grant": map[string]interface{}{"roles": t.roles(p.Attributes["roles"].Expr)}}
	body["policy"] = policy
	return body
}

func (t *translator) policyAssignment(blk *hclsyntax.Block) map[string]interface{} {
	b := blk.Body
	what := "ibm_iam_policy_assignment." + blk.Labels[1]
	t.checkArgs(b, what, set("version", "target", "template_version", "accept_language"), set("templates"))
	if !t.required(b, what, "version", "target") {
		return nil
	}
	if v, ok := t.literalString(b.Attributes["version"].Expr, what+".version"); ok && v != "1.0" {
		t.fail(b.Attributes["version"].Expr.Range(), "%s: version must be \"1.0\", not %q", what, v)
	}
	target := map[string]interface{}{}
	obj, ok := b.Attributes["target"].Expr.(*hclsyntax.ObjectConsExpr)
	if !ok {
		t.fail(b.Attributes["target"].Expr.Range(), "%s: target must be an object { type = ..., id = ... }", what)
		return nil
	}
	for _, item := range obj.Items {
		k := hcl.ExprAsKeyword(item.KeyExpr)
		if k == "" {
			if kv, d := item.KeyExpr.Value(nil); !d.HasErrors() && kv.Type() == cty.String {
				k = kv.AsString()
			}
		}
		if k != "type" && k != "id" {
			t.fail(item.KeyExpr.Range(), "%s: target has unexpected key %q", what, k)
			continue
		}
		target[k] = t.str(item.ValueExpr)
	}
	if len(target) != 2 {
		t.fail(obj.Range(), "%s: target needs both type and id", what)
	}
	templates := []interface{}{}
	for _, c := range b.Blocks {
		if c.Type != "templates" {
			continue
		}
		t.checkArgs(c.Body, what+".templates", set("id", "version"), set())
		if t.required(c.Body, what+".templates", "id", "version") {
			templates = append(templates, map[string]interface{}{
				"id":      t.str(c.Body.Attributes["id"].Expr),
				"version": t.str(c.Body.Attributes["version"].Expr),
			})
		}
	}
	if len(templates) != 1 {
		t.fail(b.SrcRange, "%s: needs exactly one templates block, has %d", what, len(templates))
	}
	return map[string]interface{}{"target": target, "templates": templates}
}

// entry is {"name": RESOURCE_NAME, "body": BODY}; a map so keys come out sorted.
type entry map[string]interface{}

func diagLine(d *hcl.Diagnostic, file string) string {
	line, col := 0, 0
	if d.Subject != nil {
		line, col = d.Subject.Start.Line, d.Subject.Start.Column
		file = d.Subject.Filename
	}
	msg := d.Summary
	if d.Detail != "" {
		msg += ": " + d.Detail
	}
	return fmt.Sprintf("%s:%d:%d: %s", file, line, col, msg)
}

func parse(path string) ([]byte, *hclsyntax.Body, bool) {
	src, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "hclcheck: %v\n", err)
		os.Exit(2)
	}
	f, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	if len(diags) > 0 {
		for _, d := range diags {
			fmt.Fprintln(os.Stderr, diagLine(d, path))
		}
		return src, nil, false
	}
	return src, f.Body.(*hclsyntax.Body), true
}

// checkFormat compares src with hclwrite.Format(src) and reports the first
// differing line.
func checkFormat(path string, src []byte) bool {
	want := hclwrite.Format(src)
	if bytes.Equal(want, src) {
		return true
	}
	got := strings.Split(string(src), "\n")
	exp := strings.Split(string(want), "\n")
	for i := 0; i < len(got) || i < len(exp); i++ {
		g, e := "<end of file>", "<end of file>"
		if i < len(got) {
			g = got[i]
		}
		if i < len(exp) {
			e = exp[i]
		}
		if g != e {
			fmt.Fprintf(os.Stderr, "%s:%d:1: not in canonical (terraform fmt) layout\n-%s\n+%s\n", path, i+1, g, e)
			fmt.Fprintf(os.Stderr, "(- is the file, + is hclwrite.Format)\n")
			return false
		}
	}
	fmt.Fprintf(os.Stderr, "%s: not in canonical layout (differs only in a trailing byte)\n", path)
	return false
}

// fmtExtras reports what `terraform fmt` rewrites beyond hclwrite.Format
// (Terraform's command/fmt.go: formatValueExpr, SetLabels, formatTypeExpr).
func fmtExtras(path string, src []byte, body *hclsyntax.Body, inBlocks []string) bool {
	ok := true
	var attrs []*hclsyntax.Attribute
	for _, a := range body.Attributes {
		attrs = append(attrs, a)
	}
	sort.Slice(attrs, func(i, j int) bool { return attrs[i].SrcRange.Start.Byte < attrs[j].SrcRange.Start.Byte })
	for _, a := range attrs {
		if len(inBlocks) == 1 && inBlocks[0] == "variable" && a.Name == "type" {
			if _, quoted := a.Expr.(*hclsyntax.TemplateExpr); quoted {
				fmt.Fprintf(os.Stderr, "%s:%d:%d: terraform fmt writes a variable type unquoted\n",
					path, a.Expr.Range().Start.Line, a.Expr.Range().Start.Column)
				ok = false
			}
			continue
		}
		if w, wrap := a.Expr.(*hclsyntax.TemplateWrapExpr); wrap {
			outer, inner := w.Range(), w.Wrapped.Range()
			fmt.Fprintf(os.Stderr, "%s:%d:%d: redundant interpolation: terraform fmt rewrites %s as %s\n",
				path, outer.Start.Line, outer.Start.Column,
				src[outer.Start.Byte:outer.End.Byte], src[inner.Start.Byte:inner.End.Byte])
			ok = false
		}
	}
	for _, b := range body.Blocks {
		for _, lr := range b.LabelRanges {
			if lr.Start.Byte < len(src) && src[lr.Start.Byte] != '"' {
				fmt.Fprintf(os.Stderr, "%s:%d:%d: terraform fmt writes block labels quoted\n",
					path, lr.Start.Line, lr.Start.Column)
				ok = false
			}
		}
		if !fmtExtras(path, src, b.Body, append(append([]string(nil), inBlocks...), b.Type)) {
			ok = false
		}
	}
	return ok
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: hclcheck FILE.tf...\n       hclcheck -v2 [-account-id ID] FILE.tf...\n       hclcheck -module DIR...")
	os.Exit(2)
}

func main() {
	v2 := false
	parseOnly := false
	moduleMode := false
	accountID := ""
	var files []string
	args := os.Args[1:]
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "-v2" || a == "--v2":
			v2 = true
		case a == "-parse" || a == "--parse":
			parseOnly = true
		case a == "-module" || a == "--module":
			moduleMode = true
		case a == "-account-id" || a == "--account-id":
			if i+1 >= len(args) {
				usage()
			}
			i++
			accountID = args[i]
		case a == "-h" || a == "--help":
			usage()
		case a == "--":
			files = append(files, args[i+1:]...)
			i = len(args)
		case strings.HasPrefix(a, "-") && a != "-":
			fmt.Fprintf(os.Stderr, "hclcheck: unknown option %s\n", a)
			usage()
		default:
			files = append(files, a)
		}
	}
	if len(files) == 0 {
		usage()
	}

	if moduleMode {
		ok := true
		for _, dir := range files {
			if !checkModule(dir) {
				ok = false
			}
		}
		if !ok {
			os.Exit(1)
		}
		return
	}
	if parseOnly { // the benchmark baseline: HashiCorp's parser alone
		ok := true
		for _, path := range files {
			if _, _, parsed := parse(path); !parsed {
				ok = false
			}
		}
		if !ok {
			os.Exit(1)
		}
		return
	}
	if !v2 {
		ok := true
		for _, path := range files {
			src, body, parsed := parse(path)
			if !parsed {
				ok = false
				continue
			}
			if !checkFormat(path, src) {
				ok = false
			}
			if !fmtExtras(path, src, body, nil) {
				ok = false
			}
		}
		if !ok {
			os.Exit(1)
		}
		return
	}

	out := map[string][]entry{"policies": {}, "templates": {}, "assignments": {}}
	failed := false
	seen := map[string]bool{}
	for _, path := range files {
		src, body, parsed := parse(path)
		if !parsed {
			failed = true
			continue
		}
		t := &translator{src: src, accountID: accountID}
		for _, blk := range body.Blocks {
			if blk.Type != "resource" || len(blk.Labels) != 2 {
				continue
			}
			id := blk.Labels[0] + "." + blk.Labels[1]
			if seen[id] {
				t.fail(blk.TypeRange, "duplicate resource %s", id)
				continue
			}
			seen[id] = true
			var kind string
			var b map[string]interface{}
			switch blk.Labels[0] {
			case "ibm_iam_authorization_policy":
				kind, b = "policies", t.authorizationPolicy(blk)
			case "ibm_iam_policy_template":
				kind, b = "templates", t.policyTemplate(blk)
			case "ibm_iam_policy_assignment":
				kind, b = "assignments", t.policyAssignment(blk)
			case "ibm_iam_authorization_policy_template":
				t.fail(blk.LabelRanges[0], "there is no resource type ibm_iam_authorization_policy_template (use ibm_iam_policy_template)")
				continue
			default:
				continue
			}
			if b != nil {
				out[kind] = append(out[kind], entry{"name": blk.Labels[1], "body": b})
			}
		}
		for _, p := range t.problems {
			fmt.Fprintf(os.Stderr, "%s:%d:%d: %s\n", path, p.rng.Start.Line, p.rng.Start.Column, p.msg)
		}
		if len(t.problems) > 0 {
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintf(os.Stderr, "hclcheck: %v\n", err)
		os.Exit(2)
	}
}
