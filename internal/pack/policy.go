package pack

import (
	_ "embed"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/stormless/stormless/internal/schema"
	"gopkg.in/yaml.v3"
)

// PolicyType is a built-in policy type (action.concurrency,
// action.concurrency.attr, action.retry) and the parameters it takes.
type PolicyType struct {
	Ref          string            `json:"ref"`
	ResourceType string            `json:"resource_type"`
	Description  string            `json:"description,omitempty"`
	Parameters   map[string]*Param `json:"parameters,omitempty"`

	schema *schema.Schema
}

//go:embed policytypes.yaml
var policyTypesYAML []byte

var policyTypeFields = []string{"name", "resource_type", "description", "parameters"}

// PolicyTypes returns the built-in policy types by ref. The map is shared:
// do not modify it.
func PolicyTypes() (map[string]*PolicyType, error) { return policyTypes() }

var policyTypes = sync.OnceValues(func() (map[string]*PolicyType, error) {
	r := &report{}
	d, root := parseDoc("policytypes.yaml", policyTypesYAML, r)
	out := map[string]*PolicyType{}
	if seq := deref(root); seq != nil && seq.Kind == yaml.SequenceNode {
		for _, n := range seq.Content {
			if pt := d.policyType(n); pt != nil {
				out[pt.Ref] = pt
			}
		}
	}
	if err := r.errs.err(); err != nil {
		return nil, fmt.Errorf("loading built-in policy types: %w", err)
	}
	return out, nil
})

func (d *doc) policyType(n *yaml.Node) *PolicyType {
	f, ok := d.mapping(n, "policy type", policyTypeFields, []string{"name", "resource_type"})
	if !ok {
		return nil
	}
	pt := &PolicyType{
		Ref:          d.optStr(f, "resource_type") + "." + d.optStr(f, "name"),
		ResourceType: d.optStr(f, "resource_type"),
		Description:  d.optStr(f, "description"),
		Parameters:   map[string]*Param{},
	}
	props := map[string]any{}
	for name, spec := range d.params(f.get("parameters"), "policy type "+pt.Ref) {
		pt.Parameters[name] = spec.param
		props[name] = spec.param.Schema
	}
	s, err := schema.Compile(map[string]any{"type": "object", "properties": props, "additionalProperties": false})
	if err != nil {
		d.errorf(n, "policy type %s: invalid parameters: %v", pt.Ref, err)
	}
	pt.schema = s
	return pt
}

var policyFields = []string{"name", "ref", "uid", "id", "pack", "description", "enabled", "resource_ref", "policy_type", "parameters", "metadata_file"}

// policy decodes policies/*.yaml.
func (l *loader) policy(p *Pack, path string) {
	d, root := readDoc(path, l.r)
	if root == nil {
		return
	}
	f, ok := d.mapping(root, "policy", policyFields, []string{"name", "resource_ref", "policy_type"})
	if !ok {
		return
	}
	pol := &Policy{
		Pack:        p.Ref,
		Name:        d.optStr(f, "name"),
		Description: d.optStr(f, "description"),
		Enabled:     d.boolean(f, "enabled", true),
		ResourceRef: d.optStr(f, "resource_ref"),
		PolicyType:  d.optStr(f, "policy_type"),
		Parameters:  d.object(f, "parameters"),
		Pos:         d.pos(root),
	}
	pol.Ref = p.Ref + "." + pol.Name
	d.checkPackField(f, p)
	l.checkPolicyType(d, f, pol)
	l.addPolicy(p, pol)
}

// checkPolicyType checks the policy type and its parameters.
func (l *loader) checkPolicyType(d *doc, f fields, pol *Policy) {
	types, err := PolicyTypes()
	if err != nil {
		d.errorf(f.node, "%v", err)
		return
	}
	pt, ok := types[pol.PolicyType]
	if !ok {
		if pol.PolicyType != "" {
			d.errorf(f.get("policy_type"), "unknown policy_type %q: use one of %s", pol.PolicyType, strings.Join(slices.Sorted(maps.Keys(types)), ", "))
		}
		return
	}
	params := pol.Parameters
	if params == nil {
		params = map[string]any{}
	}
	if pt.schema != nil {
		if err := pt.schema.Validate(params); err != nil {
			at := f.get("parameters")
			if at == nil {
				at = f.node
			}
			d.errorf(at, "policy %s: parameters do not fit policy type %s (%v): fix them", pol.Ref, pt.Ref, err)
		}
	}
}
