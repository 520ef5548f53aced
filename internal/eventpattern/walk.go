package eventpattern

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// task is a partial match: a state reached with the array elements chosen
// so far (a set of trail entries in scratch.sets).
type task struct {
	st           *state
	tStart, tLen int32
}

// scratch is per-match working memory, pooled per machine.
type scratch struct {
	flat      flattener
	keep      [][]int32 // the machine's keep
	tasks     []task
	sets      []trailEntry
	nexts     []*state
	visited   []uint32 // state id -> gen when reached with no trail, once recent fills
	recent    []int32  // states reached with no trail, while few
	gen       uint32
	matched   []int32
	key       []byte
	trailSeen map[string]struct{} // states reached with array choices
}

func (m *machine) newScratch() *scratch {
	return &scratch{
		flat: flattener{
			seen: make([]seenKey, m.nnodes),
			head: make([]int32, m.npaths),
			live: make([]int32, m.npaths),
		},
		keep:    m.keep,
		visited: make([]uint32, m.nstates),
	}
}

// match returns the indexes of the patterns event matches, sorted.
func (m *machine) match(sc *scratch, event string) ([]int32, error) {
	if err := sc.flat.flatten(event, m.names); err != nil {
		return nil, fmt.Errorf("decoding event at offset %d: %w", sc.flat.sc.i, err)
	}
	if sc.gen++; sc.gen == 0 { // wrapped: forget every stamp
		clear(sc.visited)
		sc.gen = 1
	}
	sc.recent = sc.recent[:0]
	sc.matched = sc.matched[:0]
	sc.tasks = append(sc.tasks[:0], task{st: m.root})
	sc.sets = sc.sets[:0]
	clear(sc.trailSeen)
	for len(sc.tasks) > 0 {
		t := sc.tasks[len(sc.tasks)-1]
		sc.tasks = sc.tasks[:len(sc.tasks)-1]
		sc.visit(t)
	}
	slices.Sort(sc.matched)
	return slices.Compact(sc.matched), nil
}

func (sc *scratch) present(p int32) bool { return sc.flat.live[p] > 0 }

// visit records t's accepts and pushes the tasks its transitions lead to.
func (sc *scratch) visit(t task) {
	if t.tLen == 0 {
		if sc.wasVisited(t.st.id) {
			return
		}
		sc.markVisited(t.st.id)
	}
	for _, a := range t.st.accepts {
		if sc.allAbsent(a.absent) {
			sc.matched = append(sc.matched, a.pattern)
		}
	}
	for j := range t.st.trans {
		tr := &t.st.trans[j]
		for i := sc.flat.head[tr.path]; i != 0; {
			f := &sc.flat.fields[i-1]
			if !f.dead {
				sc.follow(t, tr, f, &sc.flat.vals[i-1])
			}
			i = f.prev
		}
	}
}

func (sc *scratch) allAbsent(paths []int32) bool {
	for _, p := range paths {
		if sc.present(p) {
			return false
		}
	}
	return true
}

// follow pushes the states field f, of value v, leads to from t, when
// f's array elements agree with those t has chosen.
func (sc *scratch) follow(t task, tr *trans, f *field, v *value) {
	if t.tLen == 0 && f.tLen == 0 {
		sc.followPlain(tr, v)
		return
	}
	ft := sc.flat.trails[f.tStart : f.tStart+f.tLen]
	if !sc.consistent(t, ft) {
		return
	}
	sc.nexts = tr.lookup(v, sc.nexts[:0])
	for _, st := range sc.nexts {
		start, n := sc.merge(t, ft, sc.keep[st.id])
		if sc.seen(st, start, n) {
			sc.sets = sc.sets[:start]
			continue
		}
		sc.tasks = append(sc.tasks, task{st: st, tStart: start, tLen: n})
	}
}

// followPlain is follow when neither the task nor the field involves
// arrays of objects: no choices to check or carry.
func (sc *scratch) followPlain(tr *trans, v *value) {
	sc.nexts = tr.lookup(v, sc.nexts[:0])
	for _, st := range sc.nexts {
		if !sc.wasVisited(st.id) {
			sc.tasks = append(sc.tasks, task{st: st})
		}
	}
}

func (sc *scratch) consistent(t task, ft []trailEntry) bool {
	set := sc.sets[t.tStart : t.tStart+t.tLen]
	for _, e := range ft {
		for _, s := range set {
			if s.arr == e.arr && s.idx != e.idx {
				return false
			}
		}
	}
	return true
}

// merge stores t's set plus ft's new entries, keeping only those on name
// nodes in keep, sorted by array; it returns where the set starts and its
// length.
func (sc *scratch) merge(t task, ft []trailEntry, keep []int32) (int32, int32) {
	start := int32(len(sc.sets))
	if len(keep) == 0 {
		return start, 0
	}
	for _, e := range sc.sets[t.tStart : t.tStart+t.tLen] {
		if _, ok := slices.BinarySearch(keep, e.node); ok {
			sc.sets = append(sc.sets, e)
		}
	}
	for _, e := range ft {
		if _, ok := slices.BinarySearch(keep, e.node); ok && !slices.Contains(sc.sets[start:], e) {
			sc.sets = append(sc.sets, e)
		}
	}
	if set := sc.sets[start:]; len(set) > 1 {
		slices.SortFunc(set, func(a, b trailEntry) int { return int(a.arr - b.arr) })
	}
	return start, int32(len(sc.sets)) - start
}

// seen reports whether st was already reached with the same array choices,
// and records it otherwise.
func (sc *scratch) seen(st *state, start, n int32) bool {
	if n == 0 {
		return sc.wasVisited(st.id)
	}
	key := binary.LittleEndian.AppendUint32(sc.key[:0], uint32(st.id))
	for _, e := range sc.sets[start : start+n] {
		key = binary.LittleEndian.AppendUint32(key, uint32(e.arr))
		key = binary.LittleEndian.AppendUint32(key, uint32(e.idx))
	}
	sc.key = key
	if _, ok := sc.trailSeen[string(key)]; ok {
		return true
	}
	if sc.trailSeen == nil {
		sc.trailSeen = map[string]struct{}{}
	}
	sc.trailSeen[string(key)] = struct{}{}
	return false
}

// maxRecent is how many visited states are kept in a list before the
// per-state array takes over; most events visit few states, and the list
// stays in cache.
const maxRecent = 32

func (sc *scratch) wasVisited(id int32) bool {
	if len(sc.recent) < maxRecent {
		return slices.Contains(sc.recent, id)
	}
	return sc.visited[id] == sc.gen
}

func (sc *scratch) markVisited(id int32) {
	if len(sc.recent) < maxRecent {
		sc.recent = append(sc.recent, id)
		if len(sc.recent) < maxRecent {
			return
		}
		for _, r := range sc.recent {
			sc.visited[r] = sc.gen
		}
	}
	sc.visited[id] = sc.gen
}
