package rule

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"github.com/stormless/stormless/internal/eventpattern"
	"github.com/stormless/stormless/internal/pack"
)

// Compiled is a rule compiled for EventBridge: the event pattern (a sound
// over-approximation of the rule: it never drops an event StackStorm would
// accept), the residual criteria to check with StackStorm's semantics after
// the pattern matched, and Exact when there are none.
type Compiled struct {
	Rule string
	// TriggerType and TriggerParameters are the rule's trigger.
	TriggerType       string
	TriggerParameters map[string]any
	// EventPattern is JSON-ready (maps, slices, strings, bools and
	// json.Number) and marshals deterministically.
	EventPattern map[string]any
	// Criteria are all the rule's criteria, in file order.
	Criteria []Criterion
	// Residual are the criteria the pattern does not decide exactly.
	Residual []Criterion
	Exact    bool
	// Warnings name criteria that can never match as written (a key
	// outside "trigger", ...); the rule still compiles.
	Warnings []string
	// InPattern tells, per criterion of Criteria, whether the pattern
	// expresses it (exactly or not).
	InPattern []bool

	triggerPart map[string]any         // the pattern without criteria
	parts       map[int]map[string]any // criterion index -> its fragment alone
	inResidual  []bool
	parsed      *parsedPatterns // set by Compile; parsed on first use
}

// Compile compiles a rule to an event pattern and residual criteria.
// Templated patterns, and operators or values EventBridge expresses
// differently (regex, timediff, search, negations, lists, null, numbers
// beyond EventBridge's precision, ...), stay in the residual. When the
// pattern would exceed the size limit, criteria move from the pattern to
// the residual, largest first. Unknown operators, unusable regexes and
// keys StackStorm cannot look up are a *CriterionError. Safe for
// concurrent use.
func Compile(r *pack.Rule, opts ...Option) (*Compiled, error) {
	if r == nil || r.Trigger.Type == "" {
		return nil, errors.New("compiling rule: no trigger type")
	}
	s := newSettings(opts)
	c := &Compiled{Rule: r.Ref, TriggerType: r.Trigger.Type, TriggerParameters: r.Trigger.Parameters, Criteria: FromPack(r.Criteria), parsed: &parsedPatterns{}}
	if err := validateCriteria(c.Criteria); err != nil {
		return nil, fmt.Errorf("compiling rule %s: %w", r.Ref, err)
	}
	b := newPatternBuilder(c.TriggerType, s)
	b.trigger(c.TriggerParameters)
	frags := b.criteria(c.Criteria)
	if err := b.fit(frags); err != nil {
		return nil, fmt.Errorf("compiling rule %s: %w", r.Ref, err)
	}
	c.EventPattern = b.pattern(frags)
	c.triggerPart = b.pattern(nil)
	c.record(frags)
	c.Warnings = warnings(c.Criteria)
	return c, nil
}

// record notes which criteria the kept fragments express, and which of
// them need the residual check.
func (c *Compiled) record(frags []*fragment) {
	c.InPattern = make([]bool, len(c.Criteria))
	c.inResidual = make([]bool, len(c.Criteria))
	c.parts = map[int]map[string]any{}
	exact := make([]bool, len(c.Criteria))
	for _, f := range frags {
		if f.kept {
			c.InPattern[f.index] = true
			exact[f.index] = f.exact
			c.parts[f.index] = f.alone()
		}
	}
	for i, cr := range c.Criteria {
		if !exact[i] {
			c.Residual = append(c.Residual, cr)
			c.inResidual[i] = true
		}
	}
	c.Exact = len(c.Residual) == 0
}

// warnings lists criteria whose key can never find a value.
func warnings(cs []Criterion) []string {
	var out []string
	for _, c := range cs {
		path, err := parseKey(stripSuffix(c.Key))
		if err != nil || path[0].field == "trigger" {
			continue
		}
		out = append(out, fmt.Sprintf("criterion %q: the key is not under \"trigger\" (the payload), so it never finds a value; did you mean \"trigger.%s\"?", c.Key, c.Key))
	}
	return out
}

// PatternJSON returns the event pattern as compact JSON with sorted keys.
func (c *Compiled) PatternJSON() ([]byte, error) {
	b, err := json.Marshal(c.EventPattern)
	if err != nil {
		return nil, fmt.Errorf("encoding event pattern of %s: %w", c.Rule, err)
	}
	return b, nil
}

// MarshalJSON writes the form `stormless rule compile` prints:
// {"rule", "event_pattern", "residual" (StackStorm criteria keyed by
// criteria key), "exact"}.
func (c *Compiled) MarshalJSON() ([]byte, error) {
	residual := map[string]any{}
	for _, cr := range c.Residual {
		m := map[string]any{"type": cr.Type}
		if cr.Pattern != nil {
			m["pattern"] = plainJSON(cr.Pattern)
		}
		if cr.Condition != "" {
			m["condition"] = cr.Condition
		}
		residual[cr.Key] = m
	}
	return json.Marshal(struct {
		Rule         string         `json:"rule"`
		EventPattern map[string]any `json:"event_pattern"`
		Residual     map[string]any `json:"residual"`
		Exact        bool           `json:"exact"`
	}{c.Rule, c.EventPattern, residual, c.Exact})
}

// plainJSON makes a YAML-decoded pattern JSON-marshalable.
func plainJSON(v any) any {
	n, err := normalize(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return publicJSON(n)
}

// publicJSON converts the value model to JSON-ready values (json.Number).
func publicJSON(v any) any {
	switch x := v.(type) {
	case number:
		if x.isFloat && (x.f != x.f || x.f > 1e308 || x.f < -1e308) {
			return x.String()
		}
		return json.Number(x.String())
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = publicJSON(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = publicJSON(e)
		}
		return out
	}
	return v
}

// validateCriteria rejects what can never work: unknown operators, keys
// StackStorm cannot parse, literal regexes that are invalid or that RE2
// cannot run, unknown search conditions.
func validateCriteria(cs []Criterion) error {
	for _, c := range cs {
		if err := validateCriterion(c); err != nil {
			return &CriterionError{Pos: c.Pos, Key: c.Key, Err: err}
		}
	}
	return nil
}

func validateCriterion(c Criterion) error {
	op, ok := CanonicalOperator(c.Type)
	if !ok {
		return fmt.Errorf("%w: %q", ErrUnknownOperator, c.Type)
	}
	if _, err := parseKey(stripSuffix(c.Key)); err != nil {
		return err
	}
	if op == OpSearch {
		return validateSearch(c)
	}
	if s, ok := c.Pattern.(string); ok && !isTemplated(s) {
		if mode, isRegex := regexModes[op]; isRegex {
			_, err := compilePython(s, mode)
			return err
		}
	}
	return nil
}

var regexModes = map[string]regexMode{OpRegex: modeSearch, OpIRegex: modeSearchI, OpMatchRegex: modeMatchDotal}

func validateSearch(c Criterion) error {
	if _, _, err := searchQuantifiers(c.Condition); err != nil {
		return err
	}
	if isTemplated(c.Pattern) {
		return nil
	}
	children, ok := c.Pattern.(map[string]any)
	if !ok {
		return fmt.Errorf("search pattern must be a map of child criteria, got %T", c.Pattern)
	}
	kids, err := ParseCriteria(children)
	if err != nil {
		return err
	}
	for _, k := range kids {
		if err := validateCriterion(k); err != nil {
			return fmt.Errorf("child %q: %w", k.Key, err)
		}
	}
	return nil
}

// sortFragmentsBySize orders fragments largest first.
func sortFragmentsBySize(frags []*fragment) []*fragment {
	out := append([]*fragment(nil), frags...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].size > out[j].size })
	return out
}

// validFragment reports whether EventBridge accepts a fragment on its own.
func validFragment(m map[string]any, max int) bool {
	b, err := json.Marshal(m)
	if err != nil {
		return false
	}
	_, err = eventpattern.Parse(b, eventpattern.WithMaxPatternSize(max))
	return err == nil
}
