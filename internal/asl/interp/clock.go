package interp

import (
	"context"
	"sort"
	"sync"
	"time"
)

// Clock is where an execution gets time: timestamps, Wait states, retry
// back-off and timeouts. Implementations must be safe for concurrent use.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// Sleep blocks for d or until ctx is done, returning ctx.Err() then.
	Sleep(ctx context.Context, d time.Duration) error
	// WithTimeout returns a context cancelled after d of this clock's time.
	WithTimeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc)
}

// RealClock is the wall clock.
type RealClock struct{}

var _ Clock = RealClock{}

// Now returns time.Now().
func (RealClock) Now() time.Time { return time.Now() }

// Sleep waits d of wall time or until ctx is done.
func (RealClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// WithTimeout is context.WithTimeout.
func (RealClock) WithTimeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, d)
}

// VirtualClock is a deterministic clock for tests: Sleep returns at once
// after advancing the clock, firing any timeouts that fall due on the way.
// It is safe for concurrent use. Concurrent sleepers advance one shared
// time, so two Parallel branches that each wait 10 seconds move it by 20.
// Nothing advances it while a task waits for a callback: tests call
// Advance (or send the token) themselves.
type VirtualClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*virtualTimer
}

type virtualTimer struct {
	at     time.Time
	cancel context.CancelCauseFunc
}

var _ Clock = (*VirtualClock)(nil)

// NewVirtualClock returns a virtual clock starting at start.
func NewVirtualClock(start time.Time) *VirtualClock { return &VirtualClock{now: start} }

// Now returns the virtual time.
func (c *VirtualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d, firing due timeouts.
func (c *VirtualClock) Advance(d time.Duration) {
	c.mu.Lock()
	target := c.now.Add(d)
	due := c.dueLocked(target)
	if target.After(c.now) {
		c.now = target
	}
	c.mu.Unlock()
	for _, t := range due {
		t.cancel(context.DeadlineExceeded)
	}
}

// Sleep advances the clock by d; it returns ctx's error if a timeout fired
// on the way cancelled ctx.
func (c *VirtualClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.Advance(d)
	return ctx.Err()
}

// WithTimeout returns a context cancelled when virtual time passes d.
func (c *VirtualClock) WithTimeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	cctx, cancel := context.WithCancelCause(ctx)
	c.mu.Lock()
	t := &virtualTimer{at: c.now.Add(d), cancel: cancel}
	c.timers = append(c.timers, t)
	c.mu.Unlock()
	return cctx, func() {
		c.remove(t)
		cancel(context.Canceled)
	}
}

func (c *VirtualClock) dueLocked(target time.Time) []*virtualTimer {
	sort.Slice(c.timers, func(i, j int) bool { return c.timers[i].at.Before(c.timers[j].at) })
	n := 0
	for n < len(c.timers) && !c.timers[n].at.After(target) {
		n++
	}
	due := append([]*virtualTimer(nil), c.timers[:n]...)
	c.timers = c.timers[n:]
	return due
}

func (c *VirtualClock) remove(t *virtualTimer) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, x := range c.timers {
		if x == t {
			c.timers = append(c.timers[:i], c.timers[i+1:]...)
			return
		}
	}
}
