package interp

import "sync"

// varScope holds workflow variables. Top-level states share one scope; each
// Parallel branch and Map iteration gets a child that reads its parents
// (except a distributed Map's, which starts empty). Assignments take effect
// when the assigning state finishes. Safe for concurrent readers of parent
// scopes while children run.
type varScope struct {
	mu     sync.RWMutex
	parent *varScope
	values map[string]any
}

func newVarScope(parent *varScope) *varScope { return &varScope{parent: parent} }

func (s *varScope) lookup(name string) (any, bool) {
	for sc := s; sc != nil; sc = sc.parent {
		sc.mu.RLock()
		v, ok := sc.values[name]
		sc.mu.RUnlock()
		if ok {
			return v, true
		}
	}
	return nil, false
}

// assign stores values in this scope.
func (s *varScope) assign(values map[string]any) {
	if len(values) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.values == nil {
		s.values = make(map[string]any, len(values))
	}
	for k, v := range values {
		s.values[k] = v
	}
}

// all returns every visible variable, inner scopes shadowing outer ones.
func (s *varScope) all() map[string]any {
	out := map[string]any{}
	var chain []*varScope
	for sc := s; sc != nil; sc = sc.parent {
		chain = append(chain, sc)
	}
	for i := len(chain) - 1; i >= 0; i-- {
		chain[i].mu.RLock()
		for k, v := range chain[i].values {
			out[k] = v
		}
		chain[i].mu.RUnlock()
	}
	return out
}

// snapshot returns a copy of this scope's own values, for checkpoints.
func (s *varScope) snapshot() map[string]any {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[string]any, len(s.values))
	for k, v := range s.values {
		out[k] = v
	}
	return out
}
