package eventpattern

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// pnode is one object level of a parsed pattern.
type pnode struct {
	fields []pfield
	ors    [][]*pnode // each $or: its alternatives
}

// pfield is a named field: a leaf (list of filters, any may match) or a
// nested object.
type pfield struct {
	key   string
	leaf  []*op
	child *pnode
}

// Parse parses and validates an EventBridge event pattern. It returns an
// *Error, naming the JSON path, for anything EventBridge rejects: invalid
// JSON, a pattern over the size limit (WithMaxPatternSize), empty objects or
// arrays, unknown or malformed filters, and $or expanding to too many
// combinations. The returned Pattern is immutable and safe for concurrent
// use.
func Parse(data []byte, opts ...Option) (*Pattern, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	if n := utf8.RuneCount(data); n > cfg.maxSize {
		return nil, errAt("$", fmt.Sprintf("pattern is %d characters, more than the limit of %d", n, cfg.maxSize))
	}
	tree, err := readTree(data)
	if err != nil {
		return nil, err
	}
	root, err := parseObject(tree, "$")
	if err != nil {
		return nil, err
	}
	return newPattern(data, root)
}

func parseObject(j *jnode, path string) (*pnode, error) {
	if j.kind != jObject {
		return nil, errAt(path, "must be a JSON object")
	}
	if len(j.keys) == 0 {
		return nil, errAt(path, "empty objects are not allowed")
	}
	n := &pnode{}
	for i, key := range j.keys {
		if err := n.add(key, j.vals[i], childPath(path, key)); err != nil {
			return nil, err
		}
	}
	return n, nil
}

func (n *pnode) add(key string, v *jnode, path string) error {
	if key == "$or" && isOrRelationship(v) {
		alts := make([]*pnode, len(v.elems))
		for i, e := range v.elems {
			alt, err := parseObject(e, indexPath(path, i))
			if err != nil {
				return err
			}
			alts[i] = alt
		}
		n.ors = append(n.ors, alts)
		return nil
	}
	switch v.kind {
	case jObject:
		child, err := parseObject(v, path)
		if err != nil {
			return err
		}
		n.fields = append(n.fields, pfield{key: key, child: child})
	case jArray:
		leaf, err := parseLeaf(v, path)
		if err != nil {
			return err
		}
		n.fields = append(n.fields, pfield{key: key, leaf: leaf})
	default:
		return errAt(path, "must be an array of values or filters, or an object")
	}
	return nil
}

// filterNames are the keywords that keep an array under "$or" from being
// read as an $or operator (event-ruler's reserved names).
var filterNames = map[string]bool{
	"prefix": true, "suffix": true, "equals-ignore-case": true, "wildcard": true,
	"anything-but": true, "numeric": true, "cidr": true, "exists": true,
}

// isOrRelationship applies EventBridge's rule: "$or" is an operator when
// its value is an array of two or more objects none of which uses a filter
// keyword as a key; otherwise "$or" is an ordinary field name.
func isOrRelationship(v *jnode) bool {
	if v.kind != jArray || len(v.elems) < 2 {
		return false
	}
	for _, e := range v.elems {
		if e.kind != jObject {
			return false
		}
		for _, k := range e.keys {
			if filterNames[k] {
				return false
			}
		}
	}
	return true
}

func parseLeaf(arr *jnode, path string) ([]*op, error) {
	if len(arr.elems) == 0 {
		return nil, errAt(path, "empty arrays are not allowed")
	}
	ops := make([]*op, 0, len(arr.elems))
	for i, e := range arr.elems {
		o, err := parseMatch(e, indexPath(path, i))
		if err != nil {
			return nil, err
		}
		ops = append(ops, o)
	}
	return ops, nil
}

func parseMatch(e *jnode, path string) (*op, error) {
	switch e.kind {
	case jObject:
		return parseFilter(e, path)
	case jArray:
		return nil, errAt(path, "nested arrays are not allowed")
	}
	return &op{kind: opExact, val: literal(e)}, nil
}

// literal converts a scalar JSON node to a value.
func literal(e *jnode) value {
	switch e.kind {
	case jString:
		return stringValue(e.str)
	case jNumber:
		return numberValue(e.str)
	case jBool:
		if e.b {
			return value{kind: kindTrue}
		}
		return value{kind: kindFalse}
	}
	return value{kind: kindNull}
}

// compactJSON returns data without insignificant whitespace.
func compactJSON(data []byte) []byte {
	var b bytes.Buffer
	if err := json.Compact(&b, data); err != nil {
		return append([]byte(nil), data...)
	}
	return b.Bytes()
}
