package interp

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"

	"github.com/google/uuid"
)

// Interpreter runs state machines. It holds the clock, the task handler
// registry, mocks, limits and the machines nested executions can start.
// Create one with New; it is safe for concurrent use.
type Interpreter struct {
	clock          Clock
	registry       *Registry
	mocks          *MockConfig
	mockMachine    string
	mockTestCase   string
	maxTransitions int64
	maxDepth       int
	history        bool
	region         string
	account        string
	roleARN        string
	publisher      EventPublisher
	dataDir        string
	httpClient     *http.Client
	newUUID        func() string
	random         func() float64

	mu       sync.RWMutex
	machines map[string]*Machine // by ARN
	tokens   *tokenTable
}

// Option configures an Interpreter.
type Option func(*Interpreter) error

// New returns an Interpreter with a real clock, the built-in task
// integrations, history recording on, a budget of 1,000,000 transitions per
// execution and a nesting depth limit of 32.
func New(opts ...Option) (*Interpreter, error) {
	in := &Interpreter{
		clock: RealClock{}, registry: NewRegistry(), maxTransitions: 1_000_000, maxDepth: 32,
		history: true, region: "us-east-1", account: "123456789012",
		httpClient: http.DefaultClient, newUUID: func() string { return uuid.NewString() }, random: rand.Float64,
		machines: map[string]*Machine{}, tokens: newTokenTable(),
	}
	in.roleARN = fmt.Sprintf("arn:aws:iam::%s:role/stormless", in.account)
	for _, o := range opts {
		if err := o(in); err != nil {
			return nil, fmt.Errorf("configuring interpreter: %w", err)
		}
	}
	return in, nil
}

// WithClock sets the clock (default RealClock).
func WithClock(c Clock) Option {
	return func(in *Interpreter) error { in.clock = c; return nil }
}

// WithRegistry replaces the task handler registry.
func WithRegistry(r *Registry) Option {
	return func(in *Interpreter) error { in.registry = r; return nil }
}

// WithMocks replays Task states from a Step Functions Local mock
// configuration, using the test case testCase of machine machine.
func WithMocks(cfg *MockConfig, machine, testCase string) Option {
	return func(in *Interpreter) error {
		if _, err := cfg.testCase(machine, testCase); err != nil {
			return err
		}
		in.mocks, in.mockMachine, in.mockTestCase = cfg, machine, testCase
		return nil
	}
}

// WithMaxTransitions sets the per-execution transition budget; an
// execution that exceeds it fails with States.Runtime.
func WithMaxTransitions(n int64) Option {
	return func(in *Interpreter) error {
		if n <= 0 {
			return fmt.Errorf("max transitions must be positive, got %d", n)
		}
		in.maxTransitions = n
		return nil
	}
}

// WithMaxDepth sets how deeply Parallel, Map and nested executions may nest.
func WithMaxDepth(n int) Option {
	return func(in *Interpreter) error {
		if n <= 0 {
			return fmt.Errorf("max depth must be positive, got %d", n)
		}
		in.maxDepth = n
		return nil
	}
}

// WithHistory turns history recording on or off (on by default).
func WithHistory(on bool) Option {
	return func(in *Interpreter) error { in.history = on; return nil }
}

// WithAccount sets the region and account used in ARNs.
func WithAccount(region, account string) Option {
	return func(in *Interpreter) error {
		in.region, in.account = region, account
		in.roleARN = fmt.Sprintf("arn:aws:iam::%s:role/stormless", account)
		return nil
	}
}

// WithEventPublisher sets where events:putEvents tasks publish.
func WithEventPublisher(p EventPublisher) Option {
	return func(in *Interpreter) error { in.publisher = p; return nil }
}

// WithHTTPClient sets the client http:invoke tasks use.
func WithHTTPClient(c *http.Client) Option {
	return func(in *Interpreter) error { in.httpClient = c; return nil }
}

// WithRandom sets the sources of UUIDs (task tokens, execution names,
// States.UUID) and random numbers (jitter, States.MathRandom), for
// deterministic tests.
func WithRandom(newUUID func() string, random func() float64) Option {
	return func(in *Interpreter) error {
		in.newUUID, in.random = newUUID, random
		return nil
	}
}

// Registry returns the task handler registry, to register handlers on.
func (in *Interpreter) Registry() *Registry { return in.registry }

// Clock returns the interpreter's clock.
func (in *Interpreter) Clock() Clock { return in.clock }
