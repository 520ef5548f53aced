package enforce

import (
	"errors"
	"fmt"
	"time"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/datastore"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/runner"
)

// Enforcer runs the enforcement steps and the runner function against a
// catalog, a store, runners and a datastore. It is safe for concurrent use.
type Enforcer struct {
	catalog   catalogRef
	store     execution.Store
	runners   *runner.Registry
	datastore datastore.Store
	publisher bus.Publisher
	// recordTriggers makes the enforce step create the trigger instance
	// (on AWS); the local engine commits it on the bus instead.
	recordTriggers bool
	workflowARN    func(ref string) string
	now            func() time.Time
	apiURL         string
	onError        func(error)
	slots          slots
	taskTokens     TaskTokens
	tokens         inquiryTokens
}

// Option configures New.
type Option func(*Enforcer) error

// WithDatastore sets the key-value datastore templates and actions read.
func WithDatastore(ds datastore.Store) Option {
	return func(e *Enforcer) error { e.datastore = ds; return nil }
}

// WithPublisher sets where core.st2.generic.actiontrigger events go; none
// are emitted without one.
func WithPublisher(p bus.Publisher) Option {
	return func(e *Enforcer) error { e.publisher = p; return nil }
}

// WithTriggerInstances makes the enforce step record the trigger instance
// itself (an existing one is kept), for hosts whose bus does not.
func WithTriggerInstances(on bool) Option {
	return func(e *Enforcer) error { e.recordTriggers = on; return nil }
}

// WithWorkflowARN sets how a workflow action's state machine ARN is found.
func WithWorkflowARN(f func(ref string) string) Option {
	return func(e *Enforcer) error { e.workflowARN = f; return nil }
}

// WithClock sets where timestamps come from (default time.Now).
func WithClock(now func() time.Time) Option {
	return func(e *Enforcer) error { e.now = now; return nil }
}

// WithAPIURL sets the API URL given to actions.
func WithAPIURL(u string) Option {
	return func(e *Enforcer) error { e.apiURL = u; return nil }
}

// WithErrorHandler receives errors that do not fail an execution, such as
// an action trigger that could not be published. It may be called
// concurrently.
func WithErrorHandler(f func(error)) Option {
	return func(e *Enforcer) error { e.onError = f; return nil }
}

// New returns an Enforcer. The catalog, store and runners are required.
func New(c *Catalog, s execution.Store, runners *runner.Registry, opts ...Option) (*Enforcer, error) {
	if c == nil || s == nil || runners == nil {
		return nil, errors.New("creating enforcer: catalog, store and runners are required")
	}
	e := &Enforcer{store: s, runners: runners, now: time.Now,
		workflowARN: func(ref string) string { return ref }}
	e.catalog.p.Store(c)
	for _, o := range opts {
		if err := o(e); err != nil {
			return nil, fmt.Errorf("configuring enforcer: %w", err)
		}
	}
	if e.publisher != nil {
		e.publisher = collectingPublisher{inner: e.publisher}
	}
	return e, nil
}

// Catalog returns the catalog the enforcer works from (the last one
// SetCatalog gave).
func (e *Enforcer) Catalog() *Catalog { return e.catalog.p.Load() }

// timestamp returns the current time at microsecond precision, as stored.
func (e *Enforcer) timestamp() time.Time { return e.now().UTC().Truncate(time.Microsecond) }
