package eventpattern

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// tnode is a conjunction's clauses arranged by path, for the reference
// matcher: leaves hold the clauses ending here, children the deeper ones.
type tnode struct {
	leaves   [][]*op
	children map[string]*tnode
}

func buildTree(clauses []clause) *tnode {
	root := &tnode{}
	for _, c := range clauses {
		n := root
		for _, k := range c.path {
			if n.children == nil {
				n.children = map[string]*tnode{}
			}
			child := n.children[k]
			if child == nil {
				child = &tnode{}
				n.children[k] = child
			}
			n = child
		}
		n.leaves = append(n.leaves, c.ops)
	}
	return root
}

// Match reports whether the JSON event matches p. It is the reference
// matcher: simple and slow, it walks the event once per alternative of p.
// A malformed event, or one that is not a JSON object, is an error. Safe
// for concurrent use.
func (p *Pattern) Match(event []byte) (bool, error) {
	v, err := decodeEvent(event)
	if err != nil {
		return false, err
	}
	return p.MatchValue(v)
}

// MatchValue is Match for an event already decoded by encoding/json
// (map[string]any, []any, string, float64 or json.Number, bool, nil).
func (p *Pattern) MatchValue(event any) (bool, error) {
	if _, ok := event.(map[string]any); !ok {
		return false, errNotObject
	}
	for _, c := range p.conjs {
		ok, err := c.matchValue(event)
		if ok || err != nil {
			return ok, err
		}
	}
	return false, nil
}

func (c *conj) matchValue(event any) (bool, error) {
	for _, path := range c.absent {
		if hasValue(event, path) {
			return false, nil
		}
	}
	return c.tree.match(event)
}

// decodeEvent decodes a JSON event keeping numbers as json.Number.
func decodeEvent(data []byte) (any, error) {
	if !json.Valid(data) {
		var v any
		err := json.Unmarshal(data, &v)
		return nil, fmt.Errorf("decoding event: %w: %v", ErrInvalidEvent, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("decoding event: %w: %v", ErrInvalidEvent, err)
	}
	return v, nil
}

// match reports whether v satisfies the clauses at and under n.
func (n *tnode) match(v any) (bool, error) {
	vals, err := leafValues(v, nil)
	if err != nil {
		return false, err
	}
	for _, ops := range n.leaves {
		if !anyOpMatches(ops, vals) {
			return false, nil
		}
	}
	return n.matchChildren(v)
}

// matchChildren requires all children to hold in v or, when v is an
// array, in one of its elements.
func (n *tnode) matchChildren(v any) (bool, error) {
	if len(n.children) == 0 {
		return true, nil
	}
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			if ok, err := n.matchChildren(e); ok || err != nil {
				return ok, err
			}
		}
	case map[string]any:
		for k, child := range n.children {
			cv, ok := t[k]
			if !ok {
				return false, nil
			}
			if ok, err := child.match(cv); !ok || err != nil {
				return false, err
			}
		}
		return true, nil
	}
	return false, nil
}

func anyOpMatches(ops []*op, vals []value) bool {
	for _, o := range ops {
		for _, v := range vals {
			if o.match(v) {
				return true
			}
		}
	}
	return false
}

// leafValues collects the scalar values of v, looking through arrays and
// ignoring objects.
func leafValues(v any, out []value) ([]value, error) {
	switch t := v.(type) {
	case []any:
		var err error
		for _, e := range t {
			if out, err = leafValues(e, out); err != nil {
				return nil, err
			}
		}
		return out, nil
	case map[string]any:
		return out, nil
	}
	s, err := scalar(v)
	if err != nil {
		return nil, err
	}
	return append(out, s), nil
}

func scalar(v any) (value, error) {
	switch t := v.(type) {
	case string:
		return stringValue(t), nil
	case json.Number:
		return numberValue(string(t)), nil
	case float64:
		return numberValue(strconv.FormatFloat(t, 'g', -1, 64)), nil
	case int:
		return numberValue(strconv.Itoa(t)), nil
	case int64:
		return numberValue(strconv.FormatInt(t, 10)), nil
	case bool:
		if t {
			return value{kind: kindTrue}, nil
		}
		return value{kind: kindFalse}, nil
	case nil:
		return value{kind: kindNull}, nil
	}
	return value{}, fmt.Errorf("%w: unsupported value of type %T", ErrInvalidEvent, v)
}

// hasValue reports whether the event holds a scalar value at path.
func hasValue(v any, path []string) bool {
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			if hasValue(e, path) {
				return true
			}
		}
		return false
	case map[string]any:
		if len(path) == 0 {
			return false
		}
		cv, ok := t[path[0]]
		return ok && hasValue(cv, path[1:])
	}
	return len(path) == 0
}
