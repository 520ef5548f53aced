package timer

import (
	"context"
	"sync"
)

// FiredStore remembers which DateTimers have fired, so that one fires
// once even across restarts; the local runtime persists it. Keys are
// timer IDs (see ID). Implementations are safe for concurrent use.
type FiredStore interface {
	// Fired reports whether MarkFired was called for id.
	Fired(ctx context.Context, id string) (bool, error)
	// MarkFired records that id fired; it returns once durable.
	MarkFired(ctx context.Context, id string) error
}

// MemoryFired is a FiredStore that forgets on restart. The zero value is
// ready for use.
type MemoryFired struct {
	mu    sync.Mutex
	fired map[string]bool
}

var _ FiredStore = (*MemoryFired)(nil)

// Fired reports whether id was marked; it never fails.
func (m *MemoryFired) Fired(_ context.Context, id string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.fired[id], nil
}

// MarkFired marks id; it never fails.
func (m *MemoryFired) MarkFired(_ context.Context, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fired == nil {
		m.fired = map[string]bool{}
	}
	m.fired[id] = true
	return nil
}
