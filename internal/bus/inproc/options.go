package inproc

import (
	"context"
	"fmt"

	"github.com/stormless/stormless/internal/bus"
)

// Option configures a Bus.
type Option func(*settings) error

type settings struct {
	queueSize int
	workers   int
	committer bus.Committer
	onError   func(ctx context.Context, e bus.Event, err error)
}

func defaults() settings {
	return settings{queueSize: 1024, workers: 4, onError: func(context.Context, bus.Event, error) {}}
}

// WithQueueSize bounds the events accepted but not yet taken by a worker
// (default 1024); it must be positive.
func WithQueueSize(n int) Option {
	return func(s *settings) error {
		if n <= 0 {
			return fmt.Errorf("setting queue size %d: must be positive", n)
		}
		s.queueSize = n
		return nil
	}
}

// WithWorkers sets how many events are delivered at once (default 4); it
// must be positive.
func WithWorkers(n int) Option {
	return func(s *settings) error {
		if n <= 0 {
			return fmt.Errorf("setting workers %d: must be positive", n)
		}
		s.workers = n
		return nil
	}
}

// WithCommitter makes Publish commit events through c before accepting
// them.
func WithCommitter(c bus.Committer) Option {
	return func(s *settings) error { s.committer = c; return nil }
}

// WithErrorHandler receives each handler error (and panic, as an error),
// and each accepted event left undelivered by a Close whose context
// expired. f is called from worker goroutines, possibly concurrently.
func WithErrorHandler(f func(ctx context.Context, e bus.Event, err error)) Option {
	return func(s *settings) error { s.onError = f; return nil }
}
