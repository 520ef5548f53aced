package pack

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// String renders the position as "file:line:col", leaving out what is
// unknown.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	default:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	}
}

// Error is one problem found in a pack, located at the YAML node it concerns.
type Error struct {
	Pos Pos
	Msg string
}

// Error renders the problem as "file:line:col: message".
func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// ErrorList is every problem found while loading, sorted by file, line and
// column once loading finishes. It is the error type Load, LoadRuleFile and
// LoadActionFile return; use errors.As to get at the individual problems.
type ErrorList []*Error

// Error renders one problem per line.
func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Files returns the distinct files the problems are in, in order.
func (l ErrorList) Files() []string {
	var files []string
	for _, e := range l {
		if !slices.Contains(files, e.Pos.File) {
			files = append(files, e.Pos.File)
		}
	}
	return files
}

// sort orders the list by file, line, column and message, dropping exact
// duplicates.
func (l ErrorList) sort() ErrorList {
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col), cmp.Compare(a.Msg, b.Msg))
	})
	return slices.CompactFunc(l, func(a, b *Error) bool { return *a == *b })
}

// err returns the sorted list as an error, or nil when it is empty.
func (l ErrorList) err() error {
	if len(l) == 0 {
		return nil
	}
	return l.sort()
}

// report collects problems; it is shared by everything one Load call reads.
type report struct {
	errs     ErrorList
	warnings ErrorList
}

func (r *report) add(pos Pos, format string, args ...any) {
	r.errs = append(r.errs, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

func (r *report) warn(pos Pos, format string, args ...any) {
	r.warnings = append(r.warnings, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}
