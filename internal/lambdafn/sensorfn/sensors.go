// Package sensorfn wires the sensor function: invoked on a schedule, it
// polls the packs' command sensors once, and the URLs of rules on the
// built-in core.http_poll trigger, and publishes what they find to the
// event bus, recording each trigger instance in the audit table first
// (recordbus).
package sensorfn

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/execution/dynamostore"
	"github.com/stormless/stormless/internal/lambdafn"
	"github.com/stormless/stormless/internal/lambdafn/catalog"
	"github.com/stormless/stormless/internal/lambdafn/recordbus"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/param"
	"github.com/stormless/stormless/internal/sensor"
	"github.com/stormless/stormless/internal/sensor/command"
	"github.com/stormless/stormless/internal/sensor/httppoll"
	"github.com/stormless/stormless/internal/timer"
)

// Sensors runs polling sensors once per invocation (the stack invokes the
// sensor function on a schedule): each sensor polls once and what it
// prints is dispatched, validated against its trigger type, to the bus.
type Sensors struct {
	// Sensors are the runnable sensors by ref (command.Load).
	Sensors map[string]sensor.Sensor
	// Dispatcher validates and publishes (sensor.NewBusDispatcher over the
	// Engine's Publish).
	Dispatcher sensor.Dispatcher
	// Clock is the clock the sensors were made with (command.WithClock):
	// it ends each sensor's run when the sensor first waits for its next
	// poll. Sensors poll one at a time.
	Clock *PollClock
}

// SensorsInput names the sensors to poll; empty polls every one.
type SensorsInput struct {
	Sensors []string `json:"sensors,omitempty"`
}

// SensorReport is what one sensor's poll did.
type SensorReport struct {
	Dispatched int      `json:"dispatched"`
	Problems   []string `json:"problems,omitempty"`
	Error      string   `json:"error,omitempty"`
}

// Handle polls the sensors in. It fails for an unknown sensor name and,
// after every sensor ran, when one of them failed (so the failure shows in
// the function's error metrics); problems that do not stop a sensor (an
// invalid object it printed) are in the report.
func (s *Sensors) Handle(ctx context.Context, in SensorsInput) (map[string]SensorReport, error) {
	names := in.Sensors
	if len(names) == 0 {
		for ref := range s.Sensors {
			names = append(names, ref)
		}
		slices.Sort(names)
	}
	for _, n := range names {
		if _, ok := s.Sensors[n]; !ok {
			return nil, fmt.Errorf("polling sensor %s: no such sensor in the packs", n)
		}
	}
	out := map[string]SensorReport{}
	var errs []error
	for _, n := range names {
		rep := s.pollOnce(ctx, s.Sensors[n])
		if rep.Error != "" {
			errs = append(errs, fmt.Errorf("sensor %s: %s", n, rep.Error))
		}
		out[n] = rep
	}
	return out, errors.Join(errs...)
}

// pollOnce runs sn until it first waits for its next poll.
func (s *Sensors) pollOnce(ctx context.Context, sn sensor.Sensor) SensorReport {
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	o := &onceOutput{d: s.Dispatcher}
	s.Clock.arm(cancel)
	err := sn.Run(runCtx, o)
	o.mu.Lock()
	defer o.mu.Unlock()
	if err != nil {
		o.rep.Error = err.Error()
	}
	return o.rep
}

// onceOutput dispatches and counts.
type onceOutput struct {
	d   sensor.Dispatcher
	mu  sync.Mutex
	rep SensorReport
}

func (o *onceOutput) Dispatch(ctx context.Context, t bus.Trigger, payload any) error {
	err := o.d.Dispatch(ctx, t, payload)
	if err == nil {
		o.mu.Lock()
		o.rep.Dispatched++
		o.mu.Unlock()
	}
	return err
}

func (o *onceOutput) Report(err error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.rep.Problems = append(o.rep.Problems, err.Error())
}

// PollClock is the clock of one poll: the first timer a sensor asks for
// (the wait before its next poll) ends the run it was armed for. Give it
// to the sensors with command.WithClock. Safe for concurrent use.
type PollClock struct {
	mu     sync.Mutex
	cancel context.CancelFunc
	// now replaces time.Now in tests.
	now func() time.Time
}

// arm makes the next timer call cancel.
func (c *PollClock) arm(cancel context.CancelFunc) {
	c.mu.Lock()
	c.cancel = cancel
	c.mu.Unlock()
}

// Now returns the time.
func (c *PollClock) Now() time.Time {
	if c.now != nil {
		return c.now()
	}
	return time.Now()
}

// NewTimer ends the armed run and returns a timer that never fires.
func (c *PollClock) NewTimer(time.Duration) timer.Timer {
	c.mu.Lock()
	if c.cancel != nil {
		c.cancel()
	}
	c.mu.Unlock()
	return stoppedTimer{}
}

// stoppedTimer never fires.
type stoppedTimer struct{}

func (stoppedTimer) C() <-chan time.Time { return nil }
func (stoppedTimer) Stop() bool          { return true }

// New returns the sensor function over the packs' command sensors, each
// trigger instance recorded in the table before it is published. A
// sensor that cannot run (its entry point missing or not executable)
// stops the function from starting, naming it.
func New(_ context.Context, env lambdafn.Env) (*Sensors, error) {
	if err := env.Require(lambdafn.EnvPacks, lambdafn.EnvTable, lambdafn.EnvEventBus, lambdafn.EnvRegion); err != nil {
		return nil, fmt.Errorf("starting the sensor function: %w", err)
	}
	set, err := catalog.Load(env.Packs)
	if err != nil {
		return nil, fmt.Errorf("starting the sensor function: %w", err)
	}
	pub, err := env.Bus()
	if err != nil {
		return nil, fmt.Errorf("starting the sensor function: %w", err)
	}
	cfg, err := env.AWS()
	if err != nil {
		return nil, fmt.Errorf("starting the sensor function: %w", err)
	}
	store, err := dynamostore.New(dynamodb.NewFromConfig(cfg), env.Table)
	if err != nil {
		return nil, fmt.Errorf("starting the sensor function: %w", err)
	}
	ds, err := env.Datastore()
	if err != nil {
		return nil, fmt.Errorf("starting the sensor function: %w", err)
	}
	// Templates in HTTP poll urls and headers (st2kv.system.token |
	// decrypt_kv) are rendered from SSM at each poll, as stormless up does.
	render := func(ctx context.Context, v string) (string, error) {
		r, err := param.RenderWith(ctx, v, param.Context{Datastore: ds})
		if err != nil {
			return "", err
		}
		return fmt.Sprint(r), nil
	}
	s, err := FromPacks(set, recordbus.Publisher{Store: store, Bus: pub}, httppoll.WithRenderer(render))
	if err != nil {
		return nil, fmt.Errorf("starting the sensor function: %w", err)
	}
	return s, nil
}

// FromPacks returns the sensors of set's command sensors, publishing to
// pub (New gives a recordbus.Publisher); opts configure the HTTP poll
// sensor.
func FromPacks(set *pack.Set, pub bus.Publisher, opts ...httppoll.Option) (*Sensors, error) {
	clock := &PollClock{}
	cmds, err := command.Load(set, command.WithClock(clock))
	if err != nil {
		return nil, err
	}
	d, err := sensor.NewBusDispatcher(pub, sensor.Lookup(set, httppoll.TriggerTypeDef()))
	if err != nil {
		return nil, err
	}
	s := &Sensors{Sensors: map[string]sensor.Sensor{}, Dispatcher: d, Clock: clock}
	for ref, c := range cmds {
		s.Sensors[ref] = c
	}
	if triggers := httpPollTriggers(set); len(triggers) > 0 {
		hp, err := httppoll.New(triggers, append([]httppoll.Option{httppoll.WithClock(clock)}, opts...)...)
		if err != nil {
			return nil, err
		}
		s.Sensors[httppoll.TriggerType] = hp
	}
	return s, nil
}

// httpPollTriggers are the distinct core.http_poll triggers of set's
// enabled rules: the URLs the built-in HTTP poll sensor watches. A warm
// function remembers what it saw, so "changed" compares with the last
// poll; a cold start polls afresh.
func httpPollTriggers(set *pack.Set) []bus.Trigger {
	var out []bus.Trigger
	seen := map[string]bool{}
	for _, r := range set.Rules() {
		if !r.Enabled || r.Trigger.Type != httppoll.TriggerType {
			continue
		}
		key, _ := json.Marshal(r.Trigger.Parameters)
		if seen[string(key)] {
			continue
		}
		seen[string(key)] = true
		out = append(out, bus.Trigger{Type: r.Trigger.Type, Parameters: r.Trigger.Parameters})
	}
	return out
}
