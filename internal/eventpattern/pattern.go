package eventpattern

import (
	"sort"
	"strings"
)

// Pattern is a parsed, valid EventBridge event pattern. It is immutable and
// safe for concurrent use.
type Pattern struct {
	src   []byte
	conjs []*conj
}

// conj is one alternative of a pattern once $or (and leaves mixing
// exists:false with other filters) are expanded: every positive clause must
// hold, with array consistency, and no absent path may hold a value.
type conj struct {
	clauses []clause
	absent  [][]string
	tree    *tnode // the clauses as a tree, for the reference matcher
}

// clause is one leaf of a conjunction: the value at path must match one of
// ops.
type clause struct {
	path []string
	ops  []*op
	key  string // canonical text of ops, for sharing automaton states
}

func newPattern(data []byte, root *pnode) (*Pattern, error) {
	conjs, err := expand(root, nil, "$")
	if err != nil {
		return nil, err
	}
	p := &Pattern{src: compactJSON(data)}
	for _, c := range conjs {
		c.tree = buildTree(c.clauses)
		p.conjs = append(p.conjs, c)
	}
	return p, nil
}

// MarshalJSON returns the pattern's JSON, without insignificant whitespace.
func (p *Pattern) MarshalJSON() ([]byte, error) {
	return append([]byte(nil), p.src...), nil
}

// String returns the pattern's JSON.
func (p *Pattern) String() string { return string(p.src) }

// expand turns a pattern object into its conjunctions (disjunctive normal
// form). prefix is the path of n.
func expand(n *pnode, prefix []string, path string) ([]*conj, error) {
	out := []*conj{{}}
	var err error
	for _, f := range n.fields {
		fp := appendPath(prefix, f.key)
		alts := leafAlternatives(f, fp)
		if f.child != nil {
			if alts, err = expand(f.child, fp, path); err != nil {
				return nil, err
			}
		}
		if out, err = product(out, alts, path); err != nil {
			return nil, err
		}
	}
	for _, group := range n.ors {
		var alts []*conj
		for _, alt := range group {
			a, err := expand(alt, prefix, path)
			if err != nil {
				return nil, err
			}
			alts = append(alts, a...)
		}
		if out, err = product(out, alts, path); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// leafAlternatives splits a leaf into a positive clause and, when it lists
// exists:false, an absence alternative.
func leafAlternatives(f pfield, fp []string) []*conj {
	var pos []*op
	absent := false
	for _, o := range f.leaf {
		if o.kind == opAbsent {
			absent = true
			continue
		}
		pos = append(pos, o)
	}
	var alts []*conj
	if len(pos) > 0 {
		alts = append(alts, &conj{clauses: []clause{newClause(fp, pos)}})
	}
	if absent {
		alts = append(alts, &conj{absent: [][]string{fp}})
	}
	return alts
}

func newClause(path []string, ops []*op) clause {
	keys := make([]string, len(ops))
	for i, o := range ops {
		keys[i] = o.key()
	}
	sort.Strings(keys)
	return clause{path: path, ops: ops, key: strings.Join(keys, "|")}
}

// product is the AND of two disjunctions.
func product(a, b []*conj, path string) ([]*conj, error) {
	if len(a)*len(b) > maxCombinations {
		return nil, errAt(path, "pattern too complex: $or and exists:false expand to more than 1024 combinations")
	}
	out := make([]*conj, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, &conj{
				clauses: append(append([]clause(nil), x.clauses...), y.clauses...),
				absent:  append(append([][]string(nil), x.absent...), y.absent...),
			})
		}
	}
	return out, nil
}

func appendPath(prefix []string, key string) []string {
	return append(append(make([]string, 0, len(prefix)+1), prefix...), key)
}
