package packsensors

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/sensor"
	"github.com/stormless/stormless/internal/sensor/command"
	"github.com/stormless/stormless/internal/sensor/httppoll"
	"github.com/stormless/stormless/internal/timer"
)

// Runner runs the sensors of one pack set. It is safe for concurrent use;
// Close stops every sensor.
type Runner struct {
	sup *sensor.Supervisor
	env Env

	mu    sync.Mutex
	types []sensor.Type
	// fixed holds the status of the sensors that are not supervised.
	fixed map[string]sensor.Status
}

// Option configures Start.
type Option func(*settings) error

type settings struct {
	clock   timer.Clock
	render  httppoll.Renderer
	sup     []sensor.SupervisorOption
	command []command.Option
}

// WithRenderer renders the templates in built-in sensors' trigger
// parameters where they are used (the HTTP poll sensor's url and headers:
// {{ st2kv.system.token | decrypt_kv }}), so that secrets stay out of the
// trigger instances that record those parameters.
func WithRenderer(r httppoll.Renderer) Option {
	return func(s *settings) error {
		s.render = r
		return nil
	}
}

// WithClock sets the clock sensors poll on and backoff waits on.
func WithClock(c timer.Clock) Option {
	return func(s *settings) error {
		if c == nil {
			return errors.New("nil clock")
		}
		s.clock = c
		return nil
	}
}

// WithBackoff sets the supervisor's restart backoff (sensor.WithBackoff).
func WithBackoff(min, max, stable time.Duration) Option {
	return func(s *settings) error {
		s.sup = append(s.sup, sensor.WithBackoff(min, max, stable))
		return nil
	}
}

// WithCommandOptions adds options of every command sensor (a timeout, a
// poll interval for tests).
func WithCommandOptions(opts ...command.Option) Option {
	return func(s *settings) error {
		s.command = append(s.command, opts...)
		return nil
	}
}

// Start starts the sensors of set, publishing their trigger instances to
// pub, until ctx is done or Close is called. A sensor that cannot start is
// listed as failed rather than failing Start; Start fails only for a nil
// set or publisher or a bad option.
func Start(ctx context.Context, set *pack.Set, pub bus.Publisher, opts ...Option) (*Runner, error) {
	if set == nil || pub == nil {
		return nil, errors.New("starting sensors: nil pack set or publisher")
	}
	s := settings{clock: timer.SystemClock()}
	for _, o := range opts {
		if err := o(&s); err != nil {
			return nil, fmt.Errorf("starting sensors: %w", err)
		}
	}
	d, err := sensor.NewBusDispatcher(pub, sensor.Lookup(set, triggerDefs()...))
	if err != nil {
		return nil, fmt.Errorf("starting sensors: %w", err)
	}
	sup, err := sensor.NewSupervisor(d, append([]sensor.SupervisorOption{sensor.WithClock(s.clock)}, s.sup...)...)
	if err != nil {
		return nil, fmt.Errorf("starting sensors: %w", err)
	}
	r := &Runner{sup: sup, env: Env{Clock: s.clock, Render: s.render}, fixed: map[string]sensor.Status{}}
	r.startAll(ctx, set, s)
	return r, nil
}

// startAll starts the pack set's sensors, then the implicit built-ins.
func (r *Runner) startAll(ctx context.Context, set *pack.Set, s settings) {
	triggers := ruleTriggers(set)
	declared := map[string]bool{}
	for _, p := range set.Packs() {
		for _, sn := range p.Sensors {
			declared[sn.Ref] = true
			t := typeOf(sn)
			switch b, builtin := Builtins[sn.Ref]; {
			case !sn.Enabled:
				r.add(t, sensor.StateDisabled, nil)
			case sn.EntryPoint != "":
				c, err := command.New(sn, p.Dir, append([]command.Option{command.WithClock(s.clock)}, s.command...)...)
				r.start(ctx, t, c, err)
			case builtin:
				t.Builtin = true
				r.startBuiltin(ctx, t, b, triggers[b.TriggerType])
			default:
				r.add(t, sensor.StateFailed, fmt.Errorf("sensor %s has no entry_point and %s is not a built-in sensor (%s): give it an entry_point command", sn.Ref, sn.ClassName, strings.Join(builtinRefs(), ", ")))
			}
		}
	}
	for _, ref := range builtinRefs() {
		b := Builtins[ref]
		if !b.Implicit || declared[ref] {
			continue
		}
		pk, name, _ := strings.Cut(ref, ".")
		t := sensor.Type{ID: ref, UID: "sensor_type:" + pk + ":" + name, Ref: ref, Pack: pk, Name: name, ClassName: name,
			Description: b.Description, Enabled: true, TriggerTypes: []string{b.TriggerType}, Builtin: true}
		r.startBuiltin(ctx, t, b, triggers[b.TriggerType])
	}
}

// startBuiltin starts a built-in sensor for the rules' triggers, or lists
// it idle when no rule uses its trigger type.
func (r *Runner) startBuiltin(ctx context.Context, t sensor.Type, b Builtin, triggers []bus.Trigger) {
	if len(triggers) == 0 {
		r.add(t, sensor.StateIdle, nil)
		return
	}
	sn, err := b.New(triggers, r.env)
	r.start(ctx, t, sn, err)
}

// start supervises sn, or lists t failed with err.
func (r *Runner) start(ctx context.Context, t sensor.Type, sn sensor.Sensor, err error) {
	if err == nil {
		err = r.sup.Start(ctx, t.Ref, sn)
	}
	if err != nil {
		r.add(t, sensor.StateFailed, err)
		return
	}
	r.add(t, "", nil)
}

// add lists t; a state other than "" fixes its status.
func (r *Runner) add(t sensor.Type, state sensor.State, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.types = append(r.types, t)
	if state == "" {
		return
	}
	st := sensor.Status{Name: t.Ref, State: state}
	if err != nil {
		st.LastError, st.LastErrorAt = err.Error(), r.env.Clock.Now()
	}
	r.fixed[t.Ref] = st
}

// Types lists every sensor with its current status, by ref.
func (r *Runner) Types() []sensor.Type {
	r.mu.Lock()
	out := slices.Clone(r.types)
	fixed := r.fixed
	r.mu.Unlock()
	for i := range out {
		if st, ok := fixed[out[i].Ref]; ok {
			out[i].Status = st
		} else if st, ok := r.sup.Status(out[i].Ref); ok {
			out[i].Status = st
		}
	}
	slices.SortFunc(out, func(a, b sensor.Type) int { return cmp.Compare(a.Ref, b.Ref) })
	return out
}

// Close stops every sensor and waits for them.
func (r *Runner) Close() { r.sup.Close() }

// typeOf is the listing of a pack's sensor.
func typeOf(s *pack.Sensor) sensor.Type {
	t := sensor.Type{ID: s.Ref, UID: "sensor_type:" + s.Pack + ":" + s.Name, Ref: s.Ref, Pack: s.Pack, Name: s.Name,
		Description: s.Description, ClassName: s.ClassName, EntryPoint: s.EntryPoint, PollInterval: s.PollInterval,
		Enabled: s.Enabled, TriggerTypes: slices.Clone(s.TriggerTypes)}
	if t.TriggerTypes == nil {
		t.TriggerTypes = []string{}
	}
	if s.EntryPath != "" {
		t.ArtifactURI = "file://" + s.EntryPath
	}
	return t
}

// ruleTriggers collects the distinct triggers (type and parameters) of
// the enabled rules, by trigger type.
func ruleTriggers(set *pack.Set) map[string][]bus.Trigger {
	out := map[string][]bus.Trigger{}
	seen := map[string]bool{}
	for _, rl := range set.Rules() {
		if !rl.Enabled {
			continue
		}
		key, _ := json.Marshal([]any{rl.Trigger.Type, rl.Trigger.Parameters})
		if seen[string(key)] {
			continue
		}
		seen[string(key)] = true
		out[rl.Trigger.Type] = append(out[rl.Trigger.Type], bus.Trigger{Type: rl.Trigger.Type, Parameters: rl.Trigger.Parameters})
	}
	return out
}

// builtinRefs lists the built-in sensors' refs, sorted.
func builtinRefs() []string {
	out := make([]string, 0, len(Builtins))
	for ref := range Builtins {
		out = append(out, ref)
	}
	slices.Sort(out)
	return out
}
