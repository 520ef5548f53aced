package eventpattern

import (
	"slices"
	"sort"
	"strconv"
)

// machine is an immutable automaton compiled from a set of patterns. Its
// states are shared prefixes of the patterns' clause sequences (clauses
// sorted by path): a state's transitions are keyed by path, then by value
// through an index, so matching cost depends on the event and on how many
// patterns match, not on how many patterns there are.
type machine struct {
	root    *state
	names   *nameNode
	npaths  int
	nstates int
	nnodes  int32
	ids     []string  // pattern index -> id, sorted
	keep    [][]int32 // by state id: name nodes holding arrays later clauses may meet, sorted
}

// state is one node of the automaton.
type state struct {
	id      int32
	trans   []trans
	accepts []accept
}

// accept says a pattern matches once its absent paths hold no value.
type accept struct {
	pattern int32
	absent  []int32
}

// builder compiles patterns into a machine.
type builder struct {
	m        *machine
	next     map[*state]map[string]*state // clause key -> next state
	trans    map[*state][]*transIndex
	prefixes map[int32][]int32 // path id -> name nodes of its proper prefixes
	slab     []state
}

func buildMachine(ids []string, patterns []*Pattern) *machine {
	b := &builder{m: &machine{ids: ids}, next: map[*state]map[string]*state{},
		trans: map[*state][]*transIndex{}, prefixes: map[int32][]int32{}}
	b.m.names = b.newNameNode()
	b.m.root = b.newState()
	for i, p := range patterns {
		for _, c := range p.conjs {
			b.add(int32(i), c)
		}
	}
	b.finish()
	return b.m
}

func (b *builder) newNameNode() *nameNode {
	n := &nameNode{path: -1, id: b.m.nnodes}
	b.m.nnodes++
	return n
}

// newState allocates states from slabs, so that states created together
// (one pattern's chain) sit together in memory.
func (b *builder) newState() *state {
	if len(b.slab) == 0 {
		b.slab = make([]state, 256)
	}
	s := &b.slab[0]
	b.slab = b.slab[1:]
	s.id = int32(b.m.nstates)
	b.m.nstates++
	return s
}

// pathID interns a path in the name trie.
func (b *builder) pathID(path []string) int32 {
	n := b.m.names
	var prefixes []int32
	for i, k := range path {
		if i > 0 {
			prefixes = append(prefixes, n.id)
		}
		if n.children == nil {
			n.children = map[string]*nameNode{}
		}
		c := n.children[k]
		if c == nil {
			c = b.newNameNode()
			c.key = k
			n.children[k] = c
		}
		n = c
	}
	if n.path < 0 {
		n.path = int32(b.m.npaths)
		b.m.npaths++
		b.prefixes[n.path] = prefixes
	}
	return n.path
}

type idClause struct {
	path int32
	c    clause
}

func (b *builder) add(pattern int32, c *conj) {
	cl := make([]idClause, len(c.clauses))
	for i, x := range c.clauses {
		cl[i] = idClause{path: b.pathID(x.path), c: x}
	}
	sort.Slice(cl, func(i, j int) bool {
		if cl[i].path != cl[j].path {
			return cl[i].path < cl[j].path
		}
		return cl[i].c.key < cl[j].c.key
	})
	s := b.m.root
	for _, x := range cl {
		s = b.step(s, x)
	}
	acc := accept{pattern: pattern}
	for _, p := range c.absent {
		acc.absent = append(acc.absent, b.pathID(p))
	}
	s.accepts = append(s.accepts, acc)
}

// step follows or creates the transition from s on clause x.
func (b *builder) step(s *state, x idClause) *state {
	key := strconv.Itoa(int(x.path)) + "\x00" + x.c.key
	if n := b.next[s][key]; n != nil {
		return n
	}
	n := b.newState()
	if b.next[s] == nil {
		b.next[s] = map[string]*state{}
	}
	b.next[s][key] = n
	t := b.transFor(s, x.path)
	for _, o := range x.c.ops {
		t.add(o, n)
	}
	return n
}

func (b *builder) transFor(s *state, path int32) *transIndex {
	for _, t := range b.trans[s] {
		if t.path == path {
			return t
		}
	}
	t := &transIndex{path: path}
	b.trans[s] = append(b.trans[s], t)
	return t
}

// finish computes what states keep, freezes the indexes and drops
// build-only maps.
func (b *builder) finish() {
	b.m.keep = make([][]int32, b.m.nstates)
	b.computeKeep(b.m.root)
	b.m.names.freeze()
	nt, nops := 0, 0
	for _, ts := range b.trans {
		for _, t := range ts {
			nt++
			nops += len(t.all)
		}
	}
	l := &layout{trans: make([]trans, 0, nt), short: make([]opEntry, 0, nops)}
	b.lay(b.m.root, l)
	b.relocate(l.order)
}

// relocate moves the states into one array in depth-first order and
// points every transition at the moved states.
func (b *builder) relocate(order []*state) {
	moved := make([]state, len(order))
	to := make([]*state, len(order)) // by state id
	for i, s := range order {
		moved[i] = *s
		to[s.id] = &moved[i]
	}
	for i := range moved {
		for j := range moved[i].trans {
			moved[i].trans[j].relocate(to)
		}
	}
	b.m.root = to[b.m.root.id]
}

// layout is the automaton's storage: transitions and short filter lists
// copied into two arrays in depth-first order, so the part of the
// automaton an event walks through is close together in memory.
type layout struct {
	trans []trans
	short []opEntry
	text  textArena
	order []*state
}

// lay finishes s's transitions into l, then its successors'.
func (b *builder) lay(s *state, l *layout) {
	l.order = append(l.order, s)
	start := len(l.trans)
	for _, t := range b.trans[s] {
		ft := trans{path: t.path, idx: t.finish()}
		if ft.idx == nil {
			ft.short = l.copyShort(t.all)
		}
		l.trans = append(l.trans, ft)
	}
	s.trans = l.trans[start:len(l.trans):len(l.trans)]
	for _, n := range b.next[s] {
		b.lay(n, l)
	}
}

// copyShort copies a short filter list into l, with the strings it
// compares copied next to each other.
func (l *layout) copyShort(all []opNext) []opEntry {
	start := len(l.short)
	for _, on := range all {
		l.short = append(l.short, newOpEntry(on.op, on.next, &l.text))
	}
	return l.short[start:len(l.short):len(l.short)]
}

// computeKeep sets the machine's keep for s to the name nodes that are proper prefixes of the
// paths of the clauses after s: only arrays there can still conflict.
func (b *builder) computeKeep(s *state) []int32 {
	var keep []int32
	for _, t := range b.trans[s] {
		keep = append(keep, b.prefixes[t.path]...)
	}
	for _, n := range b.next[s] {
		keep = append(keep, b.computeKeep(n)...)
	}
	slices.Sort(keep)
	b.m.keep[s.id] = slices.Compact(keep)
	return b.m.keep[s.id]
}
