package path

import "slices"

// Set returns a copy of doc with v placed at the path, as Step Functions
// applies a ResultPath: "$" replaces the whole document; missing
// intermediate objects are created; the objects and arrays along the path
// are copied (shallowly), doc itself is never modified. Set fails with a
// *ResultPathMatchFailureError when a step meets a value that is not an
// object (or, for an index step, an array), when an index is out of range
// or must create an array, and when the path is not rooted at "$".
func (r Reference) Set(doc any, v any) (any, error) {
	if r.root != Input {
		return nil, &ResultPathMatchFailureError{Path: r.String(), Input: doc}
	}
	out, ok := setAt(r.steps, doc, v)
	if !ok {
		return nil, &ResultPathMatchFailureError{Path: r.String(), Input: doc}
	}
	return out, nil
}

// setAt returns node with v placed at steps, copying what it changes.
func setAt(steps []step, node any, v any) (any, bool) {
	if len(steps) == 0 {
		return v, true
	}
	if steps[0].isIndex {
		return setIndex(steps, node, v)
	}
	return setKey(steps, node, v)
}

// setKey places v under the key step steps[0] of the object node.
func setKey(steps []step, node any, v any) (any, bool) {
	m, ok := node.(map[string]any)
	if !ok {
		return nil, false
	}
	child, found := m[steps[0].key]
	if !found && len(steps) > 1 {
		child = map[string]any{}
	}
	child, ok = setAt(steps[1:], child, v)
	if !ok {
		return nil, false
	}
	out := make(map[string]any, len(m)+1)
	for k, e := range m {
		out[k] = e
	}
	out[steps[0].key] = child
	return out, true
}

// setIndex places v at the index step steps[0] of the array node.
func setIndex(steps []step, node any, v any) (any, bool) {
	a, ok := node.([]any)
	if !ok {
		return nil, false
	}
	n := steps[0].index
	if n < 0 {
		n += len(a)
	}
	if n < 0 || n >= len(a) {
		return nil, false
	}
	child, ok := setAt(steps[1:], a[n], v)
	if !ok {
		return nil, false
	}
	out := slices.Clone(a)
	out[n] = child
	return out, true
}
