package rule

import (
	"fmt"
	"strconv"
	"strings"
)

// KeyError reports a criteria key that is not a path StackStorm can look
// up. StackStorm treats such a criterion as never matching.
type KeyError struct {
	Key    string
	Reason string
}

// Error names the key and what is wrong with it.
func (e *KeyError) Error() string { return fmt.Sprintf("criteria key %q: %s", e.Key, e.Reason) }

// segment is one step of a key path: a field name, an index, or a wildcard
// over a dict's values or a list's items.
type segment struct {
	field    string
	index    int
	isIndex  bool
	wildcard bool // ".*": a dict's values
	slice    bool // "[*]": a list's items
}

// keyPath is a parsed criteria key: a subset of the JSONPath syntax
// StackStorm's jsonpath_rw accepts ("trigger.a.b", "trigger.list[0]",
// "trigger.headers['X-Token']", "trigger.*", "trigger.list[*]").
type keyPath []segment

// stripSuffix removes the "#suffix" StackStorm allows on criteria keys.
func stripSuffix(key string) string {
	k, _, _ := strings.Cut(key, "#")
	return k
}

// parseKey parses a criteria key (without its "#suffix").
func parseKey(key string) (keyPath, error) {
	p := &keyParser{s: key}
	return p.parse()
}

type keyParser struct {
	s   string
	i   int
	out keyPath
}

func (p *keyParser) fail(reason string) error { return &KeyError{Key: p.s, Reason: reason} }

func (p *keyParser) parse() (keyPath, error) {
	if err := p.field(); err != nil {
		return nil, err
	}
	for p.i < len(p.s) {
		var err error
		switch p.s[p.i] {
		case '.':
			p.i++
			if strings.HasPrefix(p.s[p.i:], ".") {
				return nil, p.fail("recursive descent '..' is not supported")
			}
			err = p.field()
		case '[':
			err = p.bracket()
		default:
			return nil, p.fail(fmt.Sprintf("unexpected %q at offset %d", p.s[p.i], p.i))
		}
		if err != nil {
			return nil, err
		}
	}
	return p.out, nil
}

func isIDStart(c byte) bool {
	return c == '_' || c == '@' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isIDChar(c byte) bool { return isIDStart(c) || c == '-' || c >= '0' && c <= '9' }

// field reads a field name, a quoted name or "*".
func (p *keyParser) field() error {
	if p.i >= len(p.s) {
		return p.fail("missing field name")
	}
	c := p.s[p.i]
	switch {
	case c == '*':
		p.i++
		p.out = append(p.out, segment{wildcard: true})
		return nil
	case c == '\'' || c == '"':
		name, err := p.quoted()
		if err != nil {
			return err
		}
		p.out = append(p.out, segment{field: name})
		return nil
	case !isIDStart(c):
		return p.fail(fmt.Sprintf("field name cannot start with %q", c))
	}
	start := p.i
	for p.i < len(p.s) && isIDChar(p.s[p.i]) {
		p.i++
	}
	p.out = append(p.out, segment{field: p.s[start:p.i]})
	return nil
}

func (p *keyParser) quoted() (string, error) {
	q := p.s[p.i]
	end := strings.IndexByte(p.s[p.i+1:], q)
	if end < 0 {
		return "", p.fail("unterminated quoted field name")
	}
	name := p.s[p.i+1 : p.i+1+end]
	p.i += end + 2
	return name, nil
}

// bracket reads "[n]", "[*]" or "['name']".
func (p *keyParser) bracket() error {
	end := strings.IndexByte(p.s[p.i:], ']')
	if end < 0 {
		return p.fail("unterminated '['")
	}
	inner := strings.TrimSpace(p.s[p.i+1 : p.i+end])
	p.i += end + 1
	switch {
	case inner == "*":
		p.out = append(p.out, segment{slice: true})
		return nil
	case len(inner) >= 2 && (inner[0] == '\'' || inner[0] == '"') && inner[len(inner)-1] == inner[0]:
		p.out = append(p.out, segment{field: inner[1 : len(inner)-1]})
		return nil
	}
	n, err := strconv.Atoi(inner)
	if err != nil {
		return p.fail(fmt.Sprintf("unsupported subscript [%s]", inner))
	}
	p.out = append(p.out, segment{index: n, isIndex: true})
	return nil
}

// lookup returns every value the path finds under root, in order.
// StackStorm uses the first; none found means the value is None.
func (k keyPath) lookup(root any) ([]any, error) {
	cur := []any{root}
	for _, s := range k {
		var next []any
		for _, v := range cur {
			found, err := s.find(v)
			if err != nil {
				return nil, err
			}
			next = append(next, found...)
		}
		cur = next
	}
	return cur, nil
}

func (s segment) find(v any) ([]any, error) {
	switch {
	case s.wildcard:
		return dictValues(v), nil
	case s.slice:
		return sliceValues(v), nil
	case s.isIndex:
		return indexValue(v, s.index)
	}
	if m, ok := v.(map[string]any); ok {
		if e, ok := m[s.field]; ok {
			return []any{e}, nil
		}
	}
	return nil, nil
}

// dictValues returns a dict's values in key order (Python would use
// insertion order; see the package documentation).
func dictValues(v any) []any {
	x, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	out := make([]any, 0, len(x))
	for _, k := range sortedKeys(x) {
		out = append(out, x[k])
	}
	return out
}

// sliceValues returns a list's items; a dict, string, int or bool yields
// itself, as jsonpath_rw's [*] does.
func sliceValues(v any) []any {
	switch x := v.(type) {
	case []any:
		return x
	case map[string]any, string, bool:
		return []any{v}
	case number:
		if !x.isFloat {
			return []any{v}
		}
	}
	return nil
}

func indexValue(v any, i int) ([]any, error) {
	switch x := v.(type) {
	case []any:
		if i < 0 {
			i += len(x)
		}
		if i < 0 || i >= len(x) {
			return nil, nil
		}
		return []any{x[i]}, nil
	case map[string]any:
		if len(x) > i {
			return nil, typeErrorf("KeyError: %d", i)
		}
	case string:
		if i >= 0 && i < len([]rune(x)) {
			return []any{string([]rune(x)[i])}, nil
		}
	}
	return nil, nil
}

// simpleFields returns the path's field names when it is made of plain
// field names only.
func (k keyPath) simpleFields() ([]string, bool) {
	out := make([]string, len(k))
	for i, s := range k {
		if s.wildcard || s.slice || s.isIndex {
			return nil, false
		}
		out[i] = s.field
	}
	return out, true
}
