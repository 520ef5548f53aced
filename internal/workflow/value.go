package workflow

import (
	"strconv"

	"gopkg.in/yaml.v3"
)

// Value is a YAML value from a workflow with the position of every node:
// a scalar (string, bool, int64, float64 or nil), a list, or a map with its
// keys in file order.
type Value struct {
	Pos    Pos
	Scalar any
	List   []*Value
	Keys   []string
	Map    []*Value // Map[i] is the value of Keys[i]
	kind   valueKind
	// Plain is set for a plain (unquoted, single-line) string scalar, whose
	// column plus byte offset locates a character in it.
	Plain bool
}

type valueKind int

const (
	scalarValue valueKind = iota
	listValue
	mapValue
)

// IsList and IsMap tell the value's shape; a value that is neither is a
// scalar.
func (v *Value) IsList() bool { return v.kind == listValue }

// IsMap reports whether v is a map.
func (v *Value) IsMap() bool { return v.kind == mapValue }

// AsString returns a string scalar and true, or "" and false.
func (v *Value) AsString() (string, bool) {
	s, ok := v.Scalar.(string)
	return s, ok && v.kind == scalarValue
}

// Interface returns v as plain Go values (map[string]any, []any, scalars).
func (v *Value) Interface() any {
	switch v.kind {
	case listValue:
		l := make([]any, len(v.List))
		for i, x := range v.List {
			l[i] = x.Interface()
		}
		return l
	case mapValue:
		m := make(map[string]any, len(v.Keys))
		for i, k := range v.Keys {
			m[k] = v.Map[i].Interface()
		}
		return m
	}
	return v.Scalar
}

// Walk calls f for every string scalar in v, depth first in file order.
func (v *Value) Walk(f func(s string, at *Value)) {
	switch v.kind {
	case listValue:
		for _, x := range v.List {
			x.Walk(f)
		}
	case mapValue:
		for _, x := range v.Map {
			x.Walk(f)
		}
	default:
		if s, ok := v.AsString(); ok {
			f(s, v)
		}
	}
}

// StringValue returns a scalar string Value at p.
func StringValue(s string, p Pos) *Value { return &Value{Pos: p, Scalar: s} }

// newValue converts a YAML node; aliases are resolved.
func newValue(file string, n *yaml.Node) *Value {
	v := &Value{Pos: nodePos(file, n)}
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.SequenceNode:
		v.kind = listValue
		for _, c := range n.Content {
			v.List = append(v.List, newValue(file, c))
		}
	case yaml.MappingNode:
		v.kind = mapValue
		for i := 0; i+1 < len(n.Content); i += 2 {
			v.Keys = append(v.Keys, n.Content[i].Value)
			v.Map = append(v.Map, newValue(file, n.Content[i+1]))
		}
	case yaml.ScalarNode:
		v.Scalar = scalar(n)
		v.Plain = n.Style == 0
	}
	return v
}

// scalar decodes a YAML scalar by its resolved tag.
func scalar(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if n.Decode(&b) == nil {
			return b
		}
	case "!!int":
		if i, err := strconv.ParseInt(n.Value, 0, 64); err == nil {
			return i
		}
		var f float64
		if n.Decode(&f) == nil {
			return f
		}
	case "!!float":
		var f float64
		if n.Decode(&f) == nil {
			return f
		}
	}
	return n.Value
}

func nodePos(file string, n *yaml.Node) Pos {
	return Pos{File: file, Line: n.Line, Col: n.Column}
}
