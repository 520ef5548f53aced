package jsonata

import (
	"github.com/blues/jsonata-go/jparse"
)

// simplePath is an expression that is only a path of names, optionally
// starting at a variable: "$states.input.items", "items", "$var.list".
// The library returns undefined when such a path ends on an empty array,
// where JSONata returns []; Eval walks these paths itself in that case.
type simplePath struct {
	variable string // "" when the path starts at the input
	names    []string
}

// parseSimplePath returns the path expr denotes, or nil if it is not one.
func parseSimplePath(expr string) *simplePath {
	node, err := jparse.Parse(expr)
	if err != nil {
		return nil
	}
	path, ok := node.(*jparse.PathNode)
	if !ok || len(path.Steps) == 0 {
		return nil
	}
	sp := &simplePath{}
	for i, step := range path.Steps {
		switch s := step.(type) {
		case *jparse.VariableNode:
			if i > 0 || s.Name == "" {
				return nil
			}
			sp.variable = s.Name
		case *jparse.NameNode:
			sp.names = append(sp.names, s.Value)
		default:
			return nil
		}
	}
	return sp
}

// endsOnEmptyArray reports whether the path leads, through objects only,
// to an empty array.
func (sp *simplePath) endsOnEmptyArray(input any, vars map[string]any) bool {
	v := input
	if sp.variable != "" {
		var ok bool
		if v, ok = vars[sp.variable]; !ok {
			return false
		}
	}
	for _, name := range sp.names {
		m, ok := v.(map[string]any)
		if !ok {
			return false
		}
		if v, ok = m[name]; !ok {
			return false
		}
	}
	a, ok := v.([]any)
	return ok && len(a) == 0
}
