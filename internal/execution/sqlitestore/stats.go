package sqlitestore

import "sync/atomic"

// Stats counts the writer's work since Open.
type Stats struct {
	// Commits is the number of group transactions committed.
	Commits uint64
	// Writes is the number of writes (method calls) they held.
	Writes uint64
}

// counters are the writer's live statistics.
type counters struct {
	commits atomic.Uint64
	writes  atomic.Uint64
}

// Stats returns the writer's counts so far; safe for concurrent use.
func (s *Store) Stats() Stats {
	return Stats{Commits: s.w.stats.commits.Load(), Writes: s.w.stats.writes.Load()}
}
