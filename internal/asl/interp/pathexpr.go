package interp

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/stormless/stormless/internal/asl/path"
)

// pathRoot says what a path starts from.
type pathRoot uint8

const (
	rootInput    pathRoot = iota // $
	rootContext                  // $$
	rootVariable                 // $name
)

// segment is one step of a reference path: a key or an index.
type segment struct {
	key   string
	index int
	isIdx bool
}

// pathExpr is a compiled JSONPath-mode path: a reference path evaluated by
// direct lookups, or a general JSONPath query (wildcards, filters, slices)
// evaluated by the asl/path package. Immutable; safe for concurrent use.
type pathExpr struct {
	src     string
	root    pathRoot
	varName string
	segs    []segment
	query   *path.Path // nil for reference paths
	full    *path.Path // the same path compiled by asl/path, for AWS's error wording
}

// compilePath compiles a path used by InputPath, OutputPath, ItemsPath,
// Variable, "key.$" values, and the *Path fields.
func compilePath(src string) (*pathExpr, error) {
	p := &pathExpr{src: src}
	rest, err := p.splitRoot(src)
	if err != nil {
		return nil, err
	}
	p.full, _ = path.Compile(src)
	if segs, ok := parseReference(rest); ok {
		p.segs = segs
		return p, nil
	}
	q, err := path.Compile(src)
	if err != nil {
		return nil, fmt.Errorf("compiling path %q: %w", src, err)
	}
	p.query, p.full = q, q
	return p, nil
}

// splitRoot strips and records the root, returning the remainder after "$".
func (p *pathExpr) splitRoot(src string) (string, error) {
	switch {
	case !strings.HasPrefix(src, "$"):
		return "", fmt.Errorf("compiling path %q: a path must start with $", src)
	case strings.HasPrefix(src, "$$"):
		p.root = rootContext
		return src[2:], nil
	case len(src) > 1 && isIdentStart(src[1]):
		p.root = rootVariable
		end := 1
		for end < len(src) && src[end] != '.' && src[end] != '[' {
			end++
		}
		p.varName = src[1:end]
		return src[end:], nil
	}
	return src[1:], nil
}

func isIdentStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

// parseReference parses ".a.b['c'][0]" into segments; ok is false for
// anything a reference path cannot hold.
func parseReference(s string) ([]segment, bool) {
	var segs []segment
	for len(s) > 0 {
		switch s[0] {
		case '.':
			end := 1
			for end < len(s) && s[end] != '.' && s[end] != '[' {
				end++
			}
			name := s[1:end]
			if name == "" || name == "*" || strings.ContainsAny(name, "()@?*, ") {
				return nil, false
			}
			segs = append(segs, segment{key: name})
			s = s[end:]
		case '[':
			seg, n, ok := parseBracket(s)
			if !ok {
				return nil, false
			}
			segs = append(segs, seg)
			s = s[n:]
		default:
			return nil, false
		}
	}
	return segs, true
}

func parseBracket(s string) (segment, int, bool) {
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return segment{}, 0, false
	}
	inner := s[1:end]
	if len(inner) >= 2 && (inner[0] == '\'' || inner[0] == '"') && inner[len(inner)-1] == inner[0] {
		return segment{key: inner[1 : len(inner)-1]}, end + 1, true
	}
	n, err := strconv.Atoi(inner)
	if err != nil || n < 0 {
		return segment{}, 0, false
	}
	return segment{index: n, isIdx: true}, end + 1, true
}

// isReference reports whether the path names a single node.
func (p *pathExpr) isReference() bool { return p.query == nil }

// eval evaluates the path. found is false when a reference path names
// nothing (a missing key or index).
func (p *pathExpr) eval(env *evalEnv) (v any, found bool, err error) {
	doc, ok := p.rootDoc(env)
	if !ok {
		return nil, false, nil
	}
	if p.query != nil {
		v, err := p.query.Eval(doc)
		if err != nil {
			return nil, false, nil
		}
		return normalise(v), true, nil
	}
	v, found = lookup(doc, p.segs)
	return v, found, nil
}

// rootDoc returns the document the path starts from; ok is false for an
// unknown variable.
func (p *pathExpr) rootDoc(env *evalEnv) (doc any, ok bool) {
	switch p.root {
	case rootContext:
		return env.contextObject(), true
	case rootVariable:
		return env.lookupVar(p.varName)
	}
	return env.input, true
}

// notFound words a path that selects nothing as AWS does: "Invalid path
// '<path>' : No results for path: $['a']['b']" or "... Missing property in
// path $['a']".
func (p *pathExpr) notFound(env *evalEnv) string {
	if doc, ok := p.rootDoc(env); ok && p.full != nil {
		if _, err := p.full.Eval(doc); err != nil {
			var nf *path.NotFoundError
			if errors.As(err, &nf) {
				return nf.Error()
			}
		}
	}
	return fmt.Sprintf("Invalid path '%s' : No results for path: %s", p.src, bracketPath(p))
}

func lookup(doc any, segs []segment) (any, bool) {
	for _, s := range segs {
		switch d := doc.(type) {
		case map[string]any:
			if s.isIdx {
				return nil, false
			}
			v, ok := d[s.key]
			if !ok {
				return nil, false
			}
			doc = v
		case []any:
			if !s.isIdx || s.index >= len(d) {
				return nil, false
			}
			doc = d[s.index]
		default:
			return nil, false
		}
	}
	return doc, true
}

// normalise converts query results to the generic JSON form.
func normalise(v any) any {
	switch x := v.(type) {
	case int:
		return float64(x)
	case []any:
		return x
	case []map[string]any:
		out := make([]any, len(x))
		for i, m := range x {
			out[i] = m
		}
		return out
	}
	return v
}
