package path

import "strings"

// Reference is a parsed reference path: a root ("$", "$$" or "$name")
// followed by definite steps (.name, ['name'], [n]), so that it selects at
// most one node. The zero value is "$". A Reference is immutable and safe
// for concurrent use.
type Reference struct {
	src   string
	root  Root
	name  string
	steps []step
}

// ParseReference parses s (surrounding blanks ignored, as Jayway does) as
// a reference path, accepting what Step
// Functions accepts: "$", "$.a.b", "$['a b']", "$.a[0]", "$[-1]", context
// paths ("$$.Execution.Id") and variable paths ("$var.a"). Wildcards, deep
// scans, filters, slices, unions and functions are rejected with a
// *SyntaxError.
func ParseReference(s string) (Reference, error) {
	s = strings.TrimSpace(s)
	root, name, pos, err := parseRoot(s)
	if err != nil {
		return Reference{}, err
	}
	p := stepParser{src: s, pos: pos}
	steps, err := p.steps()
	if err != nil {
		return Reference{}, err
	}
	return Reference{src: s, root: root, name: name, steps: steps}, nil
}

// String returns the path as it was written ("$" for the zero value).
func (r Reference) String() string {
	if r.src == "" {
		return "$"
	}
	return r.src
}

// Root returns the document the path starts from.
func (r Reference) Root() Root { return r.root }

// Variable returns the variable's name for a Variable root, else "".
func (r Reference) Variable() string { return r.name }

// IsRoot reports whether the path has no steps ("$", "$$" or "$name"), so
// that it selects the whole document.
func (r Reference) IsRoot() bool { return len(r.steps) == 0 }

// Get returns the node the path's steps select in doc (the caller passes
// the document of the path's Root). A node that does not exist yields a
// *NotFoundError with Jayway's wording.
func (r Reference) Get(doc any) (any, error) {
	v, detail := walk(r.steps, doc)
	if detail != "" {
		return nil, &NotFoundError{Path: r.String(), Detail: detail}
	}
	return v, nil
}
