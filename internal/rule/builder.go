package rule

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/stormless/stormless/internal/envelope"
)

// fragment is one criterion's part of the event pattern.
type fragment struct {
	index int      // into the criteria
	path  []string // event path
	value any      // JSON-ready leaf (a list) or sub-pattern (a map) at path
	exact bool     // the fragment decides the criterion alone
	size  int      // JSON length of value and path
	kept  bool
}

// patternBuilder assembles the event pattern of one rule.
type patternBuilder struct {
	s           *settings
	triggerType string
	aws         bool
	base        map[string]any // trigger part
	params      map[string]any // detail.trigger.parameters part
}

func newPatternBuilder(triggerType string, s *settings) *patternBuilder {
	b := &patternBuilder{s: s, triggerType: triggerType, aws: envelope.IsAWSEvents(triggerType)}
	if b.aws {
		b.base = map[string]any{"source": []any{map[string]any{"prefix": "aws."}}}
		return b
	}
	b.base = map[string]any{
		"source":      []any{envelope.Source(triggerType)},
		"detail-type": []any{triggerType},
	}
	return b
}

// trigger adds the trigger parameters (webhook url, timer id, ...): scalars
// as exact values, maps field by field; lists and nulls are left out.
func (b *patternBuilder) trigger(params map[string]any) {
	if b.aws || len(params) == 0 {
		return
	}
	n, err := normalize(params)
	if err != nil {
		return
	}
	if m, ok := paramPattern(n).(map[string]any); ok && len(m) > 0 {
		b.params = m
	}
}

func paramPattern(v any) any {
	switch x := v.(type) {
	case string, bool:
		return []any{x}
	case number:
		if vals, _, ok := numberAlternatives(x); ok {
			return []any{publicJSON(vals[0])}
		}
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if p := paramPattern(e); p != nil {
				out[k] = p
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// criteria renders each criterion EventBridge can express. The first
// criterion on a path wins; later ones on the same path, or on a path
// inside or above it, stay residual.
func (b *patternBuilder) criteria(cs []Criterion) []*fragment {
	var frags []*fragment
	for i, c := range cs {
		f := b.fragment(i, c)
		if f == nil || conflicts(f, frags) || !validFragment(b.wrap(f), b.s.maxPatternSize) {
			continue
		}
		f.kept = true
		frags = append(frags, f)
	}
	return frags
}

func (b *patternBuilder) fragment(i int, c Criterion) *fragment {
	op, ok := CanonicalOperator(c.Type)
	if !ok || isTemplated(c.Pattern) {
		return nil
	}
	path, err := parseKey(stripSuffix(c.Key))
	if err != nil {
		return nil
	}
	fields, ok := path.simpleFields()
	if !ok || len(fields) < 2 || fields[0] != "trigger" || !plainFieldNames(fields) {
		return nil
	}
	p, err := normalize(c.Pattern)
	if err != nil {
		return nil
	}
	p = literalPattern(p)
	f := &fragment{index: i, path: b.eventPath(fields[1:])}
	if op == OpSearch {
		if f.value = searchTree(c.Condition, p); f.value == nil {
			return nil
		}
	} else {
		l, ok := leafFor(op, p)
		if !ok {
			return nil
		}
		f.value = publicJSON(l.values)
		f.exact = !b.aws && exactUnder(l, leafSchema(b.s.payloadSchema, fields[1:]))
	}
	sz, _ := json.Marshal(f.value)
	f.size = len(sz) + len(fmt.Sprint(f.path))
	return f
}

// searchTree renders a search with condition "any" as a sub-pattern:
// some item must satisfy every child, which is what EventBridge's array
// consistency checks for fields of one array of objects (a dict value is
// one item for both). Children EventBridge cannot express are left out;
// the search always stays in the residual. Other conditions accept
// patterns no sub-pattern bounds (all: an empty list), so they get none.
func searchTree(cond string, p any) map[string]any {
	children, ok := p.(map[string]any)
	if cond != "any" || !ok {
		return nil
	}
	tree := map[string]any{}
	var used [][]string
	for _, k := range sortedKeys(children) {
		path, l, ok := childLeaf(k, children[k])
		if !ok || conflictsWith(path, used) {
			continue
		}
		setPath(tree, path, publicJSON(l.values))
		used = append(used, path)
	}
	if len(tree) == 0 {
		return nil
	}
	return tree
}

// childLeaf renders one child criterion ("item.a.b") of a search.
func childLeaf(key string, raw any) ([]string, leaf, bool) {
	m, ok := raw.(map[string]any)
	if !ok {
		return nil, leaf{}, false
	}
	t, _ := m["type"].(string)
	op, known := CanonicalOperator(t)
	if !known || op == OpSearch || isTemplated(m["pattern"]) {
		return nil, leaf{}, false
	}
	path, err := parseKey(stripSuffix(key))
	if err != nil {
		return nil, leaf{}, false
	}
	fields, ok := path.simpleFields()
	if !ok || len(fields) < 2 || fields[0] != "item" || !plainFieldNames(fields) {
		return nil, leaf{}, false
	}
	l, ok := leafFor(op, literalPattern(m["pattern"]))
	return fields[1:], l, ok
}

func conflictsWith(path []string, used [][]string) bool {
	for _, u := range used {
		if prefixRelated(path, u) {
			return true
		}
	}
	return false
}

// plainFieldNames reports whether every name means the same to
// EventBridge: not empty, no "." (EventBridge joins nested names with
// dots) and no leading "$" (operators such as $or).
func plainFieldNames(fields []string) bool {
	for _, f := range fields {
		if f == "" || strings.Contains(f, ".") || strings.HasPrefix(f, "$") {
			return false
		}
	}
	return true
}

// eventPath maps a payload path to its place in the event.
func (b *patternBuilder) eventPath(fields []string) []string {
	if b.aws {
		return append([]string(nil), fields...)
	}
	return append([]string{"detail", "payload"}, fields...)
}

// conflicts reports whether f's path equals, contains or lies inside the
// path of a kept fragment or of the trigger part.
func conflicts(f *fragment, kept []*fragment) bool {
	for _, k := range kept {
		if k.kept && prefixRelated(f.path, k.path) {
			return true
		}
	}
	top := f.path[0]
	return top == "source" || top == "detail-type" || (len(f.path) > 1 && top == "detail" && f.path[1] == "trigger")
}

func prefixRelated(a, b []string) bool {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// alone returns the pattern holding only this fragment.
func (f *fragment) alone() map[string]any {
	m := map[string]any{}
	setPath(m, f.path, f.value)
	return m
}

// wrap returns the pattern made of the trigger part and one fragment.
func (b *patternBuilder) wrap(f *fragment) map[string]any {
	m := b.pattern(nil)
	setPath(m, f.path, f.value)
	return m
}

// pattern assembles the trigger part and the kept fragments.
func (b *patternBuilder) pattern(frags []*fragment) map[string]any {
	m := map[string]any{}
	for k, v := range b.base {
		m[k] = v
	}
	if b.params != nil {
		setPath(m, []string{"detail", "trigger", "parameters"}, b.params)
	}
	for _, f := range frags {
		if f.kept {
			setPath(m, f.path, f.value)
		}
	}
	return m
}

func setPath(m map[string]any, path []string, v any) {
	for _, p := range path[:len(path)-1] {
		next, ok := m[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[p] = next
		}
		m = next
	}
	m[path[len(path)-1]] = v
}

// fit drops fragments, largest first, until EventBridge accepts the
// pattern (size limit included). The trigger part is never dropped: a
// pattern without the trigger parameters would route other triggers' events
// to the rule, and no residual check could catch them.
func (b *patternBuilder) fit(frags []*fragment) error {
	for _, f := range append(sortFragmentsBySize(frags), nil) {
		if b.valid(frags) {
			return nil
		}
		if f != nil {
			f.kept = false
		}
	}
	return fmt.Errorf("fitting the event pattern: the trigger type and parameters alone take %d characters, over the limit of %d", b.size(frags), b.s.maxPatternSize)
}

// valid reports whether EventBridge accepts the assembled pattern.
func (b *patternBuilder) valid(frags []*fragment) bool {
	return b.size(frags) <= b.s.maxPatternSize && validFragment(b.pattern(frags), b.s.maxPatternSize)
}

func (b *patternBuilder) size(frags []*fragment) int {
	data, _ := json.Marshal(b.pattern(frags))
	return len(data)
}
