package expr

import "fmt"

// Error is a problem with one expression: a syntax error, or a construct
// that has no JSONata translation. Offset is the byte offset of the problem
// in Expr (-1 when it concerns the whole expression). Hint, when set, is the
// JSONata to write instead, as a native {% %} expression.
type Error struct {
	Expr   string
	Offset int
	Msg    string
	Hint   string
}

// Error formats the problem with the expression it was found in.
func (e *Error) Error() string {
	s := fmt.Sprintf("%s in expression %q", e.Msg, e.Expr)
	if e.Offset >= 0 {
		s = fmt.Sprintf("%s at offset %d in expression %q", e.Msg, e.Offset, e.Expr)
	}
	if e.Hint != "" {
		s += "; write JSONata instead: " + e.Hint
	}
	return s
}
