package filewatch

import (
	"context"
	"fmt"
	"time"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/sensor"
	"github.com/stormless/stormless/internal/timer"
)

// TriggerType is the trigger type the sensor dispatches.
const TriggerType = "linux.file_watch.line"

// ParametersSchema and PayloadSchema describe TriggerType as the linux
// pack declares it, for registering the trigger type.
var (
	ParametersSchema = map[string]any{
		"type":                 "object",
		"properties":           map[string]any{"file_path": map[string]any{"type": "string", "required": true}},
		"additionalProperties": false,
	}
	PayloadSchema = map[string]any{
		"type": "object",
		"properties": map[string]any{
			"file_path": map[string]any{"type": "string"},
			"file_name": map[string]any{"type": "string"},
			"line":      map[string]any{"type": "string"},
		},
	}
)

var _ sensor.Sensor = (*Sensor)(nil)

// Sensor watches the files its triggers name. Runs must not overlap.
type Sensor struct {
	interval time.Duration
	clock    timer.Clock
	tails    []*tail
	started  bool
}

// New returns a sensor for triggers of TriggerType, each with a
// "file_path" parameter; triggers naming the same file share its tail.
func New(triggers []bus.Trigger, opts ...Option) (*Sensor, error) {
	s := &Sensor{interval: time.Second, clock: timer.SystemClock()}
	for _, o := range opts {
		o(s)
	}
	byPath := map[string]*tail{}
	for _, t := range triggers {
		path, _ := t.Parameters["file_path"].(string)
		if t.Type != TriggerType || path == "" {
			return nil, fmt.Errorf("creating file watch sensor: trigger %s %v: want %s with a file_path", t.Type, t.Parameters, TriggerType)
		}
		if byPath[path] == nil {
			byPath[path] = &tail{path: path}
			s.tails = append(s.tails, byPath[path])
		}
		byPath[path].triggers = append(byPath[path].triggers, t)
	}
	return s, nil
}

// Option configures a Sensor.
type Option func(*Sensor)

// WithInterval sets how often files are polled (default one second).
func WithInterval(d time.Duration) Option {
	return func(s *Sensor) {
		if d > 0 {
			s.interval = d
		}
	}
}

// WithClock sets the clock polls wait on.
func WithClock(c timer.Clock) Option { return func(s *Sensor) { s.clock = c } }

// Run polls the files until ctx is done, then returns nil. Problems with
// one file (unreadable, a failed dispatch) are reported, not fatal.
func (s *Sensor) Run(ctx context.Context, out sensor.Output) error {
	if !s.started {
		for _, t := range s.tails {
			t.skipExisting()
		}
		s.started = true
	}
	defer s.closeFiles()
	for {
		for _, t := range s.tails {
			t.poll(ctx, out)
		}
		tm := s.clock.NewTimer(s.interval)
		select {
		case <-ctx.Done():
			tm.Stop()
			return nil
		case <-tm.C():
		}
	}
}

func (s *Sensor) closeFiles() {
	for _, t := range s.tails {
		t.close()
	}
}

// TriggerTypeDef returns TriggerType as a trigger type definition, for
// sensor.Lookup and for listing.
func TriggerTypeDef() *pack.TriggerType {
	return &pack.TriggerType{Ref: TriggerType, Pack: "linux", Name: "file_watch.line", Builtin: true,
		Description:      "Trigger which indicates a new line has been detected",
		ParametersSchema: ParametersSchema, PayloadSchema: PayloadSchema}
}
