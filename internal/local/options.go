package local

import (
	"errors"
	"time"

	"github.com/stormless/stormless/internal/datastore"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/runner"
	"github.com/stormless/stormless/internal/timer"
)

// config is what the options set.
type config struct {
	packDirs    []string
	set         *pack.Set
	store       execution.Store
	dataDir     string
	runners     *runner.Registry
	datastore   datastore.Store
	configs     map[string]map[string]any
	workers     int
	queueSize   int
	maxInFlight int
	history     bool
	apiURL      string
	onError     func(error)
	timers      bool
	timerClock  timer.Clock
	configDir   string
	// retention and onPurge are set by WithRetention and WithPurgeHandler
	// (retention.go).
	retention time.Duration
	onPurge   func(before time.Time, p execution.Purged)
}

// Option configures New.
type Option func(*config) error

// WithPacks loads the packs in dirs (each a pack or a directory of packs).
func WithPacks(dirs ...string) Option {
	return func(c *config) error { c.packDirs = append(c.packDirs, dirs...); return nil }
}

// WithPackSet uses packs already loaded instead of loading any at start;
// Reload loads from the directories WithPacks names, when given too.
func WithPackSet(s *pack.Set) Option {
	return func(c *config) error { c.set = s; return nil }
}

// WithDataDir keeps the audit trail (stormless.db) and the event journal
// in dir, created when missing. Required unless WithStore is given.
func WithDataDir(dir string) Option {
	return func(c *config) error { c.dataDir = dir; return nil }
}

// WithStore records into s instead of a SQLite file in the data
// directory; the engine does not close it. Without WithDataDir there is no
// event journal: events accepted but not enforced when the process died
// are marked processing_failed on the next start instead of enforced.
func WithStore(s execution.Store) Option {
	return func(c *config) error { c.store = s; return nil }
}

// WithRunners runs actions with r instead of the built-in runners.
func WithRunners(r *runner.Registry) Option {
	return func(c *config) error { c.runners = r; return nil }
}

// WithDatastore serves st2kv and action datastore calls from ds
// (default: an empty in-memory datastore).
func WithDatastore(ds datastore.Store) Option {
	return func(c *config) error { c.datastore = ds; return nil }
}

// WithPackConfigs sets each pack's config (config_context), by pack ref.
func WithPackConfigs(configs map[string]map[string]any) Option {
	return func(c *config) error { c.configs = configs; return nil }
}

// WithConfigDir reads each pack's config (config_context) from
// <dir>/<pack>.yaml, as StackStorm reads /opt/stackstorm/configs.
func WithConfigDir(dir string) Option {
	return func(c *config) error { c.configDir = dir; return nil }
}

// WithWorkers sets how many bus workers deliver events (default 4).
func WithWorkers(n int) Option {
	return func(c *config) error {
		if n <= 0 {
			return errors.New("workers must be positive")
		}
		c.workers = n
		return nil
	}
}

// WithMaxInFlight bounds the events being enforced at once (default
// 1024); delivery waits beyond it, which slows publishers down.
func WithMaxInFlight(n int) Option {
	return func(c *config) error {
		if n <= 0 {
			return errors.New("max in flight must be positive")
		}
		c.maxInFlight = n
		return nil
	}
}

// WithHistory records the interpreter's execution history (off by
// default: the audit trail is the store).
func WithHistory(on bool) Option {
	return func(c *config) error { c.history = on; return nil }
}

// WithAPIURL sets the API URL given to actions.
func WithAPIURL(u string) Option {
	return func(c *config) error { c.apiURL = u; return nil }
}

// WithErrorHandler receives errors that stop no execution: an event that
// could not be enforced, output that could not be recorded, an action
// trigger that could not be published. It may be called concurrently.
func WithErrorHandler(f func(error)) Option {
	return func(c *config) error { c.onError = f; return nil }
}

// WithTimers turns the timer scheduler on or off (on by default): rules
// on core.st2.IntervalTimer, DateTimer and CronTimer fire while the engine
// runs.
func WithTimers(on bool) Option {
	return func(c *config) error { c.timers = on; return nil }
}

// WithTimerClock drives timers with c instead of the system clock (tests).
func WithTimerClock(c timer.Clock) Option {
	return func(c2 *config) error { c2.timerClock = c; return nil }
}
