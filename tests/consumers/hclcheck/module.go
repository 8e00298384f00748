// module.go: hclcheck -module DIR, a folder of .tf files checked as one
// Terraform module (see main.go).
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// The resources that grant access (and so must exist before Backup for VPC
// uses them), and the wait after them.
var grantTypes = map[string]bool{
	"ibm_iam_authorization_policy": true,
	"ibm_iam_policy_template":      true,
	"ibm_iam_policy_assignment":    true,
}

type module struct {
	dir       string
	ok        bool
	resources map[string]*hclsyntax.Block // "type.name"
	data      map[string]bool             // "data.type.name"
	variables map[string]bool
	calls     map[string]bool
	outputs   map[string]*hclsyntax.Block
	providers map[string]string // local name -> source
	aliases   map[string]bool   // "ibm.account_x"
	withProv  []*hclsyntax.Block
	order     []string // resources in file order
}

func (m *module) fail(rng hcl.Range, format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "%s:%d:%d: %s\n", rng.Filename, rng.Start.Line, rng.Start.Column,
		fmt.Sprintf(format, args...))
	m.ok = false
}

// exprString is the literal string value of e, or "".
func exprString(e hcl.Expression) string {
	v, d := e.Value(nil)
	if d.HasErrors() || v.IsNull() || !v.IsKnown() || v.Type() != cty.String {
		return ""
	}
	return v.AsString()
}

// address turns a traversal into what it refers to: "type.name",
// "data.type.name", "var.x", "module.x", or "" for what is not checked.
func address(t hcl.Traversal) string {
	parts := []string{t.RootName()}
	for _, step := range t[1:] {
		if a, ok := step.(hcl.TraverseAttr); ok {
			parts = append(parts, a.Name)
		} else {
			break
		}
	}
	switch parts[0] {
	case "local", "path", "terraform", "count", "each", "self":
		return ""
	case "data":
		if len(parts) >= 3 {
			return strings.Join(parts[:3], ".")
		}
	case "var", "module":
		if len(parts) >= 2 {
			return strings.Join(parts[:2], ".")
		}
	default:
		if len(parts) >= 2 {
			return strings.Join(parts[:2], ".")
		}
	}
	return strings.Join(parts, ".")
}

func (m *module) exists(addr string) bool {
	switch {
	case strings.HasPrefix(addr, "data."):
		return m.data[addr]
	case strings.HasPrefix(addr, "var."):
		return m.variables[strings.TrimPrefix(addr, "var.")]
	case strings.HasPrefix(addr, "module."):
		return m.calls[strings.TrimPrefix(addr, "module.")]
	}
	return m.resources[addr] != nil
}

// refs is every address body's value and depends_on refer to.
func refs(b *hclsyntax.Body, names ...string) map[string]hcl.Range {
	out := map[string]hcl.Range{}
	for _, n := range names {
		a, has := b.Attributes[n]
		if !has {
			continue
		}
		for _, t := range a.Expr.Variables() {
			if addr := address(t); addr != "" {
				out[addr] = t.SourceRange()
			}
		}
	}
	return out
}

func (m *module) terraformBlock(b *hclsyntax.Block) {
	for _, rp := range b.Body.Blocks {
		if rp.Type != "required_providers" {
			continue
		}
		for name, a := range rp.Body.Attributes {
			obj, ok := a.Expr.(*hclsyntax.ObjectConsExpr)
			if !ok {
				m.fail(a.Expr.Range(), "required_providers.%s must be an object { source = ..., version = ... }", name)
				continue
			}
			for _, item := range obj.Items {
				switch hcl.ExprAsKeyword(item.KeyExpr) {
				case "source":
					m.providers[name] = exprString(item.ValueExpr)
				case "configuration_aliases":
					tuple, ok := item.ValueExpr.(*hclsyntax.TupleConsExpr)
					if !ok {
						m.fail(item.ValueExpr.Range(), "configuration_aliases must be a list of provider references")
						continue
					}
					for _, e := range tuple.Exprs {
						t, d := hcl.AbsTraversalForExpr(e)
						if d.HasErrors() || len(t) != 2 || t.RootName() != name {
							m.fail(e.Range(), "configuration_aliases: %q is not %s.ALIAS", string(e.Range().SliceBytes(nil)), name)
							continue
						}
						m.aliases[name+"."+t[1].(hcl.TraverseAttr).Name] = true
					}
				}
			}
		}
	}
}

func (m *module) load(path string) {
	src, body, parsed := parse(path)
	if !parsed {
		m.ok = false
		return
	}
	if !checkFormat(path, src) || !fmtExtras(path, src, body, nil) {
		m.ok = false
	}
	for _, b := range body.Blocks {
		switch {
		case b.Type == "resource" && len(b.Labels) == 2:
			addr := b.Labels[0] + "." + b.Labels[1]
			if m.resources[addr] != nil {
				m.fail(b.TypeRange, "duplicate resource %s", addr)
			}
			m.resources[addr] = b
			m.order = append(m.order, addr)
			if _, has := b.Body.Attributes["provider"]; has {
				m.withProv = append(m.withProv, b)
			}
		case b.Type == "data" && len(b.Labels) == 2:
			m.data["data."+b.Labels[0]+"."+b.Labels[1]] = true
			if _, has := b.Body.Attributes["provider"]; has {
				m.withProv = append(m.withProv, b)
			}
		case b.Type == "variable" && len(b.Labels) == 1:
			m.variables[b.Labels[0]] = true
		case b.Type == "module" && len(b.Labels) == 1:
			m.calls[b.Labels[0]] = true
		case b.Type == "output" && len(b.Labels) == 1:
			if m.outputs[b.Labels[0]] != nil {
				m.fail(b.TypeRange, "duplicate output %q", b.Labels[0])
			}
			m.outputs[b.Labels[0]] = b
		case b.Type == "terraform":
			m.terraformBlock(b)
		}
	}
}

// uniqueKeys fails on an object constructor (at any depth) that has one key
// twice: Terraform refuses it ("Duplicate object key") when it evaluates it.
func (m *module) uniqueKeys(e hclsyntax.Expression, what string) {
	obj, ok := e.(*hclsyntax.ObjectConsExpr)
	if !ok {
		return
	}
	seen := map[string]bool{}
	for _, item := range obj.Items {
		k := hcl.ExprAsKeyword(item.KeyExpr)
		if k == "" {
			k = exprString(item.KeyExpr)
		}
		if k != "" && seen[k] {
			m.fail(item.KeyExpr.Range(), "%s: duplicate object key %q", what, k)
		}
		seen[k] = true
		if v, ok := item.ValueExpr.(hclsyntax.Expression); ok {
			m.uniqueKeys(v, what)
		}
	}
}

// dependsOnAll checks that blk refers (value or depends_on) to every address in want.
func (m *module) dependsOnAll(blk *hclsyntax.Block, what string, want []string) {
	got := refs(blk.Body, "value", "depends_on")
	for _, addr := range want {
		if _, has := got[addr]; !has {
			m.fail(blk.TypeRange, "%s does not depend on %s", what, addr)
		}
	}
}

func checkModule(dir string) bool {
	m := &module{dir: dir, ok: true, resources: map[string]*hclsyntax.Block{},
		data: map[string]bool{}, variables: map[string]bool{}, calls: map[string]bool{},
		outputs: map[string]*hclsyntax.Block{}, providers: map[string]string{},
		aliases: map[string]bool{}}
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil || len(files) == 0 {
		fmt.Fprintf(os.Stderr, "%s: no .tf files: not a module folder\n", dir)
		return false
	}
	sort.Strings(files)
	for _, f := range files {
		m.load(f)
	}
	whole := hcl.Range{Filename: dir, Start: hcl.InitialPos, End: hcl.InitialPos}

	if !strings.EqualFold(m.providers["ibm"], "IBM-Cloud/ibm") {
		m.fail(whole, "required_providers does not name ibm = { source = \"IBM-Cloud/ibm\" } (terraform init would look for hashicorp/ibm)")
	}
	var grants, sleeps []string
	for _, addr := range m.order {
		typ := strings.SplitN(addr, ".", 2)[0]
		if grantTypes[typ] {
			grants = append(grants, addr)
		}
		if typ == "time_sleep" {
			sleeps = append(sleeps, addr)
		}
	}
	if len(sleeps) > 0 && !strings.EqualFold(m.providers["time"], "hashicorp/time") {
		m.fail(whole, "a time_sleep is used but required_providers does not name time = { source = \"hashicorp/time\" }")
	}
	for _, b := range m.withProv {
		a := b.Body.Attributes["provider"]
		t, d := hcl.AbsTraversalForExpr(a.Expr)
		name := ""
		if !d.HasErrors() && len(t) == 2 {
			if at, ok := t[1].(hcl.TraverseAttr); ok {
				name = t.RootName() + "." + at.Name
			}
		}
		if name == "" {
			m.fail(a.Expr.Range(), "provider must be a reference such as ibm.ALIAS")
		} else if !m.aliases[name] {
			m.fail(a.Expr.Range(), "provider %s is not in configuration_aliases: the caller cannot pass it", name)
		}
	}
	names := make([]string, 0, len(m.outputs))
	for n := range m.outputs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if v, has := m.outputs[n].Body.Attributes["value"]; has {
			m.uniqueKeys(v.Expr, fmt.Sprintf("output %q", n))
		}
		got := refs(m.outputs[n].Body, "value", "depends_on")
		addrs := make([]string, 0, len(got))
		for addr := range got {
			addrs = append(addrs, addr)
		}
		sort.Strings(addrs)
		for _, addr := range addrs {
			if !m.exists(addr) {
				m.fail(got[addr], "output %q refers to %s, which this module does not have", n, addr)
			}
		}
	}
	if ready := m.outputs["ready"]; ready == nil {
		m.fail(whole, "no output \"ready\" for the caller's depends_on")
	} else {
		m.dependsOnAll(ready, "output \"ready\"", append(append([]string(nil), grants...), sleeps...))
	}
	for _, s := range sleeps {
		m.dependsOnAll(m.resources[s], s, grants)
	}
	return m.ok
}
