package local

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/stormless/stormless/internal/asl/interp"
	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/bus/inproc"
	"github.com/stormless/stormless/internal/datastore"
	"github.com/stormless/stormless/internal/datastore/memkv"
	"github.com/stormless/stormless/internal/enforce"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/sqlitestore"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/runner/builtin"
	"github.com/stormless/stormless/internal/timer"
)

// Engine is the local runtime. Create it with New, call Start, publish
// events or run actions, and Close it. Its methods are safe for concurrent
// use.
type Engine struct {
	cfg config
	// gen is the compiled packs (set, catalog, matcher, workflows),
	// switched by Reload: read them with e.current().
	gen      atomic.Pointer[generation]
	reloadMu sync.Mutex
	store    execution.Store
	owned    *sqlitestore.Store
	// feed is told of every write to store (see Notifier).
	feed      *feed
	enforcer  *enforce.Enforcer
	interp    *interp.Interpreter
	machine   *interp.Machine
	bus       *inproc.Bus
	journal   *journal
	datastore datastore.Store
	sem       chan struct{}
	// runs are the running top-level executions Cancel can stop.
	runs runs
	wg   sync.WaitGroup

	// matched holds each committed event's match until its delivery.
	matched sync.Map
	// types are the detail-types the current rules' patterns accept.
	types atomic.Pointer[detailTypes]

	mu          sync.Mutex
	runCtx      context.Context
	cancel      context.CancelFunc
	stopTimers  context.CancelFunc
	timers      *timer.Scheduler
	unsubscribe func()
	closed      bool
	// draining is set by Shutdown: workflows start no new task
	// (shutdown.go).
	draining atomic.Bool
}

// New loads the packs, compiles every rule and workflow, opens the store
// and builds the bus and the interpreter. Nothing is delivered until Start.
// It fails when packs do not load or compile, or the store cannot open.
func New(opts ...Option) (*Engine, error) {
	cfg := config{workers: 4, queueSize: 1024, maxInFlight: 1024, timers: true}
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, fmt.Errorf("configuring engine: %w", err)
		}
	}
	e := &Engine{cfg: cfg, sem: make(chan struct{}, cfg.maxInFlight)}
	if err := e.build(); err != nil {
		if e.bus != nil {
			_ = e.bus.Close(context.Background())
		}
		e.closeStore()
		return nil, err
	}
	return e, nil
}

// build wires everything in dependency order.
func (e *Engine) build() error {
	steps := []func() error{e.loadPacks, e.openStore, e.openFeed, e.openJournal, e.buildBus, e.buildEnforcer, e.buildInterp}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// loadPacks loads (unless WithPackSet gave them) and compiles the packs.
func (e *Engine) loadPacks() error {
	set := e.cfg.set
	if set == nil {
		var err error
		if set, err = pack.Load(e.cfg.packDirs...); err != nil {
			return fmt.Errorf("loading packs: %w", err)
		}
	}
	g, err := e.compile(set)
	if err != nil {
		return err
	}
	e.gen.Store(g)
	return nil
}

func (e *Engine) openStore() error {
	if e.cfg.store != nil {
		e.store = e.cfg.store
		return nil
	}
	if e.cfg.dataDir == "" {
		return errors.New("opening store: no data directory (WithDataDir) and no store (WithStore)")
	}
	if err := os.MkdirAll(e.cfg.dataDir, 0o700); err != nil {
		return fmt.Errorf("creating data directory: %w", err)
	}
	s, err := sqlitestore.Open(context.Background(), filepath.Join(e.cfg.dataDir, "stormless.db"))
	if err != nil {
		return fmt.Errorf("opening store: %w", err)
	}
	e.store, e.owned = s, s
	return nil
}

// openFeed makes every write to the store go through the change feed.
func (e *Engine) openFeed() error {
	e.feed = newFeed(e.store)
	e.store = feedStore{Store: e.store, feed: e.feed}
	return nil
}

func (e *Engine) buildBus() error {
	b, err := inproc.New(inproc.WithCommitter(bus.CommitterFunc(e.commit)), inproc.WithWorkers(e.cfg.workers),
		inproc.WithQueueSize(e.cfg.queueSize), inproc.WithErrorHandler(func(_ context.Context, ev bus.Event, err error) {
			e.report(fmt.Errorf("delivering event %s: %w", ev.ID, err))
		}))
	if err != nil {
		return fmt.Errorf("creating bus: %w", err)
	}
	e.bus = b
	return nil
}

func (e *Engine) buildEnforcer() error {
	ds := e.cfg.datastore
	if ds == nil {
		mem, err := memkv.New()
		if err != nil {
			return fmt.Errorf("creating datastore: %w", err)
		}
		ds = mem
	}
	e.datastore = ds
	runners := e.cfg.runners
	if runners == nil {
		r, err := builtin.New()
		if err != nil {
			return fmt.Errorf("creating runners: %w", err)
		}
		runners = r
	}
	enf, err := enforce.New(e.current().catalog, e.store, runners, enforce.WithDatastore(ds),
		enforce.WithPublisher(asyncPublisher{e}), enforce.WithWorkflowARN(workflowARN),
		enforce.WithAPIURL(e.cfg.apiURL), enforce.WithErrorHandler(e.report), enforce.WithTaskTokens(taskTokens{e}))
	if err != nil {
		return fmt.Errorf("creating enforcer: %w", err)
	}
	e.enforcer = enf
	return nil
}

// report hands an error to the error handler, if any.
func (e *Engine) report(err error) {
	if e.cfg.onError != nil && err != nil {
		e.cfg.onError(err)
	}
}

// Store returns the audit trail the engine records into.
func (e *Engine) Store() execution.Store { return e.store }

// Packs returns the loaded packs.
func (e *Engine) Packs() *pack.Set { return e.current().set }

func (e *Engine) closeStore() {
	if e.journal != nil {
		e.journal.close()
	}
	if e.owned != nil {
		_ = e.owned.Close()
	}
}
