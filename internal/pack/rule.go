package pack

import (
	"strings"

	"gopkg.in/yaml.v3"
)

var (
	ruleFields        = []string{"name", "ref", "uid", "id", "pack", "description", "enabled", "trigger", "criteria", "action", "context", "tags", "type", "metadata_file"}
	ruleTriggerFields = []string{"type", "parameters", "description", "ref"}
	ruleActionFields  = []string{"ref", "parameters", "description"}
	criterionFields   = []string{"type", "pattern", "condition"}
)

// operators are StackStorm's criteria operators (case-insensitive).
var operators = []string{
	"equals", "eq", "nequals", "neq", "iequals", "ieq", "lessthan", "lt", "greaterthan", "gt",
	"matchwildcard", "matchregex", "regex", "iregex", "contains", "ncontains", "icontains", "incontains",
	"startswith", "istartswith", "endswith", "iendswith", "timediff_lt", "td_lt", "timediff_gt", "td_gt",
	"exists", "nexists", "inside", "in", "ninside", "nin", "search",
}

// searchConditions are the conditions the search operator accepts.
var searchConditions = []string{"any", "all", "any2any", "all2any"}

// rule decodes rules/*.yaml.
func (l *loader) rule(p *Pack, path string) {
	if r := l.decodeRule(p, path); r != nil {
		l.addRule(p, r)
	}
}

func (l *loader) decodeRule(p *Pack, path string) *Rule {
	d, root := readDoc(path, l.r)
	if root == nil {
		return nil
	}
	f, ok := d.mapping(root, "rule", ruleFields, []string{"name", "trigger", "action"})
	if !ok {
		return nil
	}
	r := &Rule{
		Pack:        p.Ref,
		Name:        d.optStr(f, "name"),
		Description: d.optStr(f, "description"),
		Enabled:     d.boolean(f, "enabled", false),
		Context:     d.object(f, "context"),
		Type:        d.object(f, "type"),
		Pos:         d.pos(root),
	}
	r.Ref = p.Ref + "." + r.Name
	d.checkPackField(f, p)
	r.Tags = d.tags(f)
	if n := f.get("trigger"); n != nil {
		r.Trigger = d.ruleTrigger(n)
	}
	if n := f.get("action"); n != nil {
		r.Action = d.ruleAction(n)
	}
	r.Criteria = d.criteria(f.get("criteria"))
	return r
}

func (d *doc) ruleTrigger(n *yaml.Node) RuleTrigger {
	t := RuleTrigger{Pos: d.pos(n)}
	f, ok := d.mapping(n, "rule trigger", ruleTriggerFields, []string{"type"})
	if !ok {
		return t
	}
	t.Type = d.optStr(f, "type")
	t.Parameters = d.object(f, "parameters")
	if tn := f.get("type"); tn != nil {
		t.Pos = d.pos(tn)
	}
	return t
}

func (d *doc) ruleAction(n *yaml.Node) RuleAction {
	a := RuleAction{Pos: d.pos(n)}
	f, ok := d.mapping(n, "rule action", ruleActionFields, []string{"ref"})
	if !ok {
		return a
	}
	a.Ref = d.optStr(f, "ref")
	a.Parameters = d.object(f, "parameters")
	a.paramPos = d.keyPositions(f.get("parameters"))
	if rn := f.get("ref"); rn != nil {
		a.Pos = d.pos(rn)
	}
	return a
}

// criteria decodes the criteria mapping, keeping file order.
func (d *doc) criteria(n *yaml.Node) []Criterion {
	if n == nil || isNull(n) {
		return nil
	}
	f, ok := d.mapping(n, "criteria", nil, nil)
	if !ok {
		return nil
	}
	var out []Criterion
	for _, kv := range f.order {
		if c, ok := d.criterion(kv.key, kv.value); ok {
			out = append(out, c)
		}
	}
	return out
}

func (d *doc) criterion(key, n *yaml.Node) (Criterion, bool) {
	c := Criterion{Key: key.Value, Pos: d.pos(key)}
	f, ok := d.mapping(n, "criterion "+key.Value, criterionFields, []string{"type"})
	if !ok {
		return c, false
	}
	c.Type = d.optStr(f, "type")
	if tn := f.get("type"); c.Type != "" && !contains(operators, strings.ToLower(c.Type)) {
		d.errorf(tn, "criterion %s: unknown operator %q: use one of %s", key.Value, c.Type, strings.Join(operators, ", "))
	}
	if pn := f.get("pattern"); pn != nil {
		c.Pattern = d.value(pn)
	}
	c.Condition = d.optStr(f, "condition")
	if c.Condition != "" && !contains(searchConditions, c.Condition) {
		d.errorf(f.get("condition"), "criterion %s: unknown search condition %q: use one of %s", key.Value, c.Condition, strings.Join(searchConditions, ", "))
	}
	return c, true
}

// LoadRuleFile loads one rule file and resolves its trigger type and
// action against s (which may be nil: then only built-in trigger types
// resolve). The rule's pack is its "pack" field, else the directory above
// rules/. The error, if any, is an ErrorList; the rule is returned whenever
// the file could be decoded.
func LoadRuleFile(path string, s *Set) (*Rule, error) {
	l, err := newLoader()
	if err != nil {
		return nil, err
	}
	if s != nil {
		l.set = s
	}
	p := l.standalonePack(path)
	if name := rulePackField(path); name != "" {
		p.Ref = name
	}
	r := l.decodeRule(p, path)
	if r == nil {
		return nil, l.r.errs.err()
	}
	l.resolveRule(r)
	return r, l.r.errs.err()
}

// rulePackField reads the "pack" field of a rule file, quietly.
func rulePackField(path string) string {
	d, root := readDoc(path, &report{})
	if root == nil {
		return ""
	}
	quiet := &doc{path: d.path, r: &report{}, budget: maxNodes}
	f, ok := quiet.mapping(root, "rule", nil, nil)
	if !ok {
		return ""
	}
	return quiet.optStr(f, "pack")
}
