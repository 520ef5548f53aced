package httppoll

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/sensor"
	"github.com/stormless/stormless/internal/timer"
)

// TriggerType is the trigger type the sensor dispatches.
const TriggerType = "core.http_poll"

// DefaultInterval is the poll interval of a trigger without one.
const DefaultInterval = time.Minute

// ParametersSchema and PayloadSchema describe TriggerType, for
// registering it.
var (
	ParametersSchema = map[string]any{
		"type": "object",
		"properties": map[string]any{
			"url":      map[string]any{"type": "string", "required": true},
			"interval": map[string]any{"type": "integer", "minimum": 1, "description": "seconds between polls (default 60)"},
			"headers":  map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "string"}},
		},
		"additionalProperties": false,
	}
	PayloadSchema = map[string]any{
		"type": "object",
		"properties": map[string]any{
			"url":                  map[string]any{"type": "string"},
			"status_code":          map[string]any{"type": "integer"},
			"previous_status_code": map[string]any{"type": "integer"},
			"body":                 map[string]any{"type": "string"},
			"body_truncated":       map[string]any{"type": "boolean"},
			"changed":              map[string]any{"type": "array", "items": map[string]any{"type": "string"}},
			"error":                map[string]any{"type": "string"},
		},
	}
)

var _ sensor.Sensor = (*Sensor)(nil)

// Sensor polls URLs. Runs must not overlap.
type Sensor struct {
	client  *http.Client
	clock   timer.Clock
	render  Renderer
	targets []*target
}

// Option configures a Sensor.
type Option func(*Sensor)

// WithClient sets the HTTP client (default: 30 s timeout).
func WithClient(c *http.Client) Option { return func(s *Sensor) { s.client = c } }

// WithClock sets the clock polls wait on.
func WithClock(c timer.Clock) Option { return func(s *Sensor) { s.clock = c } }

// Renderer renders the templates in a url or header value at poll time
// (st2kv.system.token | decrypt_kv, say), so that a rule's trigger
// parameters, which trigger instances record, hold the template and never
// the secret.
type Renderer func(ctx context.Context, value string) (string, error)

// WithRenderer renders url and header values with r before each poll;
// without one they are used as written.
func WithRenderer(r Renderer) Option { return func(s *Sensor) { s.render = r } }

// New returns a sensor for triggers of TriggerType.
func New(triggers []bus.Trigger, opts ...Option) (*Sensor, error) {
	s := &Sensor{client: &http.Client{Timeout: 30 * time.Second}, clock: timer.SystemClock()}
	for _, o := range opts {
		o(s)
	}
	for _, t := range triggers {
		tg, err := newTarget(t)
		if err != nil {
			return nil, fmt.Errorf("creating HTTP poll sensor: %w", err)
		}
		s.targets = append(s.targets, tg)
	}
	return s, nil
}

// Run polls until ctx is done, then returns nil. Failed requests and
// dispatches are reported, not fatal.
func (s *Sensor) Run(ctx context.Context, out sensor.Output) error {
	for {
		now := s.clock.Now()
		next := now.Add(time.Hour)
		for _, tg := range s.targets {
			if !tg.next.After(now) {
				tg.poll(ctx, s.client, s.render, out)
				tg.next = now.Add(tg.interval)
			}
			if tg.next.Before(next) {
				next = tg.next
			}
		}
		t := s.clock.NewTimer(next.Sub(now))
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C():
		}
	}
}

// TriggerTypeDef returns TriggerType as a trigger type definition, for
// sensor.Lookup and for listing.
func TriggerTypeDef() *pack.TriggerType {
	return &pack.TriggerType{Ref: TriggerType, Pack: "core", Name: "http_poll", Builtin: true,
		Description:      "The status or body of a polled URL changed.",
		ParametersSchema: ParametersSchema, PayloadSchema: PayloadSchema}
}
