package eventpattern

import (
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"unsafe"
)

// Matcher matches events against many patterns at once. Patterns are
// compiled into one automaton, so the cost of Match grows with the size of
// the event and the number of matching patterns, not with the number of
// patterns added.
//
// All methods are safe for concurrent use. Add and Delete are cheap; the
// first Match after a change recompiles the automaton (time proportional to
// the total size of the patterns) and publishes it atomically, so matches
// in flight keep using the automaton they started with.
type Matcher struct {
	mu       sync.Mutex
	patterns map[string]*Pattern
	version  atomic.Uint64
	snap     atomic.Pointer[snapshot]
}

// snapshot is a compiled machine for one version of the pattern set.
type snapshot struct {
	version uint64
	m       *machine
	pool    sync.Pool
}

// NewMatcher returns an empty Matcher. Options are validated; the pattern
// size limit applies to Parse, not here.
func NewMatcher(opts ...Option) (*Matcher, error) {
	if _, err := newConfig(opts); err != nil {
		return nil, fmt.Errorf("creating matcher: %w", err)
	}
	return &Matcher{patterns: map[string]*Pattern{}}, nil
}

// Add registers p under id, replacing any pattern already under id. It
// returns an error for an empty id or a nil pattern.
func (mt *Matcher) Add(id string, p *Pattern) error {
	if id == "" || p == nil {
		return fmt.Errorf("adding pattern %q: id and pattern are required", id)
	}
	mt.mu.Lock()
	defer mt.mu.Unlock()
	mt.patterns[id] = p
	mt.version.Add(1)
	return nil
}

// Delete removes the pattern under id; deleting an unknown id does nothing.
func (mt *Matcher) Delete(id string) {
	mt.mu.Lock()
	defer mt.mu.Unlock()
	if _, ok := mt.patterns[id]; ok {
		delete(mt.patterns, id)
		mt.version.Add(1)
	}
}

// Len returns the number of patterns registered.
func (mt *Matcher) Len() int {
	mt.mu.Lock()
	defer mt.mu.Unlock()
	return len(mt.patterns)
}

// Match returns the ids of the patterns the JSON event matches, sorted, or
// nil when none does. A malformed event, or one that is not a JSON object,
// is an error. Match reads event in place: the caller must not modify it
// until Match returns.
func (mt *Matcher) Match(event []byte) ([]string, error) {
	s := mt.current()
	sc, _ := s.pool.Get().(*scratch)
	if sc == nil {
		sc = s.m.newScratch()
	}
	defer s.pool.Put(sc)
	idx, err := s.m.match(sc, unsafe.String(unsafe.SliceData(event), len(event)))
	if err != nil {
		return nil, err
	}
	if len(idx) == 0 {
		return nil, nil
	}
	out := make([]string, len(idx))
	for i, x := range idx {
		out[i] = s.m.ids[x]
	}
	return out, nil
}

// current returns a snapshot of the present pattern set, compiling one if
// the set changed.
func (mt *Matcher) current() *snapshot {
	if s := mt.snap.Load(); s != nil && s.version == mt.version.Load() {
		return s
	}
	mt.mu.Lock()
	defer mt.mu.Unlock()
	v := mt.version.Load()
	if s := mt.snap.Load(); s != nil && s.version == v {
		return s
	}
	ids := make([]string, 0, len(mt.patterns))
	for id := range mt.patterns {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	ps := make([]*Pattern, len(ids))
	for i, id := range ids {
		ps[i] = mt.patterns[id]
	}
	s := &snapshot{version: v, m: buildMachine(ids, ps)}
	mt.snap.Store(s)
	return s
}
