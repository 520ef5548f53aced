package sqlitestore

import (
	"fmt"
	"time"
)

// Option configures Open.
type Option func(*config) error

// config holds Open's knobs.
type config struct {
	maxBatch    int
	synchronous string
	busyTimeout time.Duration
	readers     int
	// checkpointEvery is the checkpointer's period.
	checkpointEvery time.Duration
}

// defaults returns the configuration Open uses without options.
func defaults() config {
	return config{maxBatch: 256, synchronous: "FULL", busyTimeout: 5 * time.Second, readers: 4, checkpointEvery: 200 * time.Millisecond}
}

// WithMaxBatch bounds how many queued writes one transaction commits
// (default 256). 1 commits every write in its own transaction: the
// baseline the group commit is measured against.
func WithMaxBatch(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("setting max batch %d: must be at least 1", n)
		}
		c.maxBatch = n
		return nil
	}
}

// WithSynchronous sets SQLite's synchronous pragma: "FULL" (default: an
// acknowledged write survives a power loss) or "NORMAL" (it survives a
// crash of the process, not of the machine).
func WithSynchronous(mode string) Option {
	return func(c *config) error {
		if mode != "FULL" && mode != "NORMAL" {
			return fmt.Errorf("setting synchronous %q: want FULL or NORMAL", mode)
		}
		c.synchronous = mode
		return nil
	}
}

// WithBusyTimeout sets how long a connection waits for a lock held by
// another process on the same file (default 5s).
func WithBusyTimeout(d time.Duration) Option {
	return func(c *config) error {
		c.busyTimeout = d
		return nil
	}
}

// WithReaders sets the size of the read connection pool (default 4).
func WithReaders(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("setting readers %d: must be at least 1", n)
		}
		c.readers = n
		return nil
	}
}
