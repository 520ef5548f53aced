package path

import (
	"fmt"
	"strings"
)

// Path is a compiled JSONPath query: a root ("$", "$$" or "$name") and
// either definite steps or an indefinite query. A Path is immutable and safe
// for concurrent use.
type Path struct {
	src    string
	root   Root
	name   string
	prefix []step      // the definite steps (all of them when definite)
	query  *indefinite // nil when the path is definite
}

// Compile parses expr as a JSONPath query as Step Functions accepts it in
// InputPath, OutputPath, Parameters "key.$", ItemsPath and Choice Variable.
// Definite paths are evaluated by this package; indefinite ones (*, ..,
// [?(...)], [a:b], [a,b]) by github.com/PaesslerAG/jsonpath. Functions such
// as .length() are not supported. A path that does not parse yields a
// *SyntaxError.
func Compile(expr string) (*Path, error) {
	src := expr
	expr = strings.TrimSpace(expr)
	root, name, pos, err := parseRoot(expr)
	if err != nil {
		return nil, err
	}
	p := &Path{src: src, root: root, name: name}
	sp := stepParser{src: expr, pos: pos}
	for sp.pos < len(expr) {
		at := sp.pos
		s, err := sp.step()
		if err != nil && !looksIndefinite(expr[at:]) {
			return nil, err
		}
		if err != nil {
			q, qerr := compileIndefinite(expr, at)
			if qerr != nil {
				return nil, qerr
			}
			p.query = q
			return p, nil
		}
		p.prefix = append(p.prefix, s)
	}
	return p, nil
}

// looksIndefinite reports whether rest holds one of the tokens that make a
// path indefinite: a wildcard, a deep scan, a filter, a slice or a union.
func looksIndefinite(rest string) bool {
	return strings.ContainsAny(rest, "*?:,") || strings.Contains(rest, "..")
}

// String returns the path as it was written.
func (p *Path) String() string { return p.src }

// Root returns the document the path starts from.
func (p *Path) Root() Root { return p.root }

// Variable returns the variable's name for a Variable root, else "".
func (p *Path) Variable() string { return p.name }

// IsDefinite reports whether the path selects at most one node, so that
// Eval returns that node rather than a list.
func (p *Path) IsDefinite() bool { return p.query == nil }

// Reference returns the path as a Reference when it is definite.
func (p *Path) Reference() (Reference, bool) {
	if p.query != nil {
		return Reference{}, false
	}
	return Reference{src: p.src, root: p.root, name: p.name, steps: p.prefix}, true
}

// Eval applies the path to doc, the document of the path's Root. A definite
// path returns the node it selects or a *NotFoundError. An indefinite path
// returns a []any of the matches in a deterministic order (see the package
// documentation), empty when nothing matches, even when the steps before
// the first wildcard, filter, slice or union do not exist: Step Functions
// returns [] for $.missing[*] on {} (recorded on AWS).
func (p *Path) Eval(doc any) (any, error) {
	v, detail := walk(p.prefix, doc)
	switch {
	case p.query == nil && detail != "":
		return nil, &NotFoundError{Path: p.src, Detail: detail}
	case p.query == nil:
		return v, nil
	case detail != "":
		return []any{}, nil
	}
	out, err := p.query.eval(doc)
	if err != nil {
		return nil, fmt.Errorf("evaluating path %s: %w", p.src, err)
	}
	return out, nil
}

// Query compiles expr (through a cache shared by all callers, safe for
// concurrent use) and evaluates it on doc. See Compile and Path.Eval.
func Query(expr string, doc any) (any, error) {
	p, err := cachedCompile(expr)
	if err != nil {
		return nil, err
	}
	return p.Eval(doc)
}
