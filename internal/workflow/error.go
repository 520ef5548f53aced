package workflow

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Pos is a position in a workflow file: the path as given, 1-based line and
// column (0 when unknown).
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
}

// String formats the position as file:line:col.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Error is one problem in a workflow: where, what, and for expression
// problems the expression and (when known) the JSONata to write instead.
type Error struct {
	Pos  Pos
	Expr string
	Msg  string
	Hint string
	// Err is the underlying error, such as an *expr.Error; may be nil.
	Err error
}

// Error formats the problem as "file:line:col: msg".
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", e.Pos, e.Msg)
	if e.Expr != "" && !strings.Contains(e.Msg, e.Expr) {
		fmt.Fprintf(&b, " in %q", e.Expr)
	}
	if e.Hint != "" {
		fmt.Fprintf(&b, "; write JSONata instead: %s", e.Hint)
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// ErrorList is every problem found in a workflow, in file order. A nil or
// empty ErrorList is never returned as an error.
type ErrorList []*Error

// Error joins the problems, one a line.
func (l ErrorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap returns the problems, for errors.As.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// errs collects problems while parsing or validating.
type errs struct{ list ErrorList }

func (c *errs) add(p Pos, format string, args ...any) {
	c.list = append(c.list, &Error{Pos: p, Msg: fmt.Sprintf(format, args...)})
}

func (c *errs) addErr(e *Error) { c.list = append(c.list, e) }

// err returns the sorted list, or nil when there is none.
func (c *errs) err() error {
	if len(c.list) == 0 {
		return nil
	}
	sort.SliceStable(c.list, func(i, j int) bool {
		a, b := c.list[i].Pos, c.list[j].Pos
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	c.list = dedupe(c.list)
	return c.list
}

// AsList returns the problems err carries: an ErrorList as is, a single
// *Error as a one-element list, anything else nil.
func AsList(err error) ErrorList {
	var l ErrorList
	if errors.As(err, &l) {
		return l
	}
	var e *Error
	if errors.As(err, &e) {
		return ErrorList{e}
	}
	return nil
}

// dedupe drops repeated problems (an expression compiled for several
// states is reported once).
func dedupe(list ErrorList) ErrorList {
	seen := map[string]bool{}
	out := list[:0]
	for _, e := range list {
		if k := e.Error(); !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	return out
}
