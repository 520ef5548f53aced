package bus_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/eventpattern"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/rule"
)

func TestNewEventMatchesCompiledRule(t *testing.T) {
	tests := []struct {
		name    string
		trigger string
		params  map[string]any
		payload any
	}{
		{"interval timer", "core.st2.IntervalTimer", map[string]any{"unit": "seconds", "delta": 5}, map[string]any{"executed_at": "x", "schedule": nil}},
		{"cron with nested numbers", "core.st2.CronTimer", map[string]any{"hour": 1, "minute": "*/5", "timezone": "UTC"}, map[string]any{}},
		{"webhook", "core.st2.webhook", map[string]any{"url": "sample"}, map[string]any{"body": map[string]any{"a": 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := rule.Compile(&pack.Rule{Ref: "p.r", Trigger: pack.RuleTrigger{Type: tt.trigger, Parameters: tt.params}})
			if err != nil {
				t.Fatalf("compiling rule: %v", err)
			}
			e, err := bus.NewEvent(tt.trigger, tt.params, tt.payload)
			if err != nil {
				t.Fatalf("building event: %v", err)
			}
			if got := match(t, c, e); !got {
				t.Errorf("got no match of %s against the rule's pattern", e.Detail)
			}
		})
	}
}

func match(t *testing.T, c *rule.Compiled, e bus.Event) bool {
	t.Helper()
	pj, err := c.PatternJSON()
	if err != nil {
		t.Fatalf("encoding pattern: %v", err)
	}
	p, err := eventpattern.Parse(pj)
	if err != nil {
		t.Fatalf("parsing pattern %s: %v", pj, err)
	}
	m, err := eventpattern.NewMatcher()
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Add("r", p); err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := m.Match(raw)
	if err != nil {
		t.Fatalf("matching: %v", err)
	}
	return len(ids) == 1
}

func TestNewEventShape(t *testing.T) {
	at := time.Date(2026, 11, 28, 1, 2, 3, 456, time.UTC)
	e, err := bus.NewEvent("core.st2.webhook", map[string]any{"url": "s"}, map[string]any{"body": 1},
		bus.WithTime(at), bus.WithTraceTag("tag"), bus.WithInstanceID("abc"))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(e)
	var got map[string]any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"version": "0", "source": "stormless.core", "detail-type": "core.st2.webhook",
		"time": "2026-11-28T01:02:03Z", "region": bus.LocalRegion, "account": bus.LocalAccount,
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %v, want %v", k, got[k], v)
		}
	}
	d, err := e.TriggerDetail()
	if err != nil {
		t.Fatal(err)
	}
	if d.ID != "abc" || d.TraceTag != "tag" || d.Trigger.Parameters["url"] != "s" || string(d.Payload) != `{"body":1}` {
		t.Errorf("got detail %+v, want id abc, trace tag, url and payload", d)
	}
}

func TestNewEventAWSEvents(t *testing.T) {
	in := map[string]any{"version": "0", "id": "x", "source": "aws.s3", "detail-type": "Object Created",
		"time": "2026-01-01T00:00:00Z", "region": "eu-west-1", "account": "1", "resources": []any{"arn"}, "detail": map[string]any{"k": 1}}
	e, err := bus.NewEvent("aws.events", nil, in)
	if err != nil {
		t.Fatal(err)
	}
	if e.Source != "aws.s3" || e.ID != "x" || e.Region != "eu-west-1" || string(e.Detail) != `{"k":1}` {
		t.Errorf("got %+v, want the AWS event unchanged", e)
	}
}

func TestValidate(t *testing.T) {
	ok, err := bus.NewEvent("core.st2.webhook", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		modify func(*bus.Event)
		want   error
	}{
		{"valid", func(*bus.Event) {}, nil},
		{"no source", func(e *bus.Event) { e.Source = "" }, bus.ErrInvalid},
		{"no detail-type", func(e *bus.Event) { e.DetailType = "" }, bus.ErrInvalid},
		{"array detail", func(e *bus.Event) { e.Detail = []byte(`[1]`) }, bus.ErrInvalid},
		{"broken detail", func(e *bus.Event) { e.Detail = []byte(`{`) }, bus.ErrInvalid},
		{"too large", func(e *bus.Event) { e.Resources = []string{strings.Repeat("r", bus.MaxEntrySize)} }, bus.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := ok
			tt.modify(&e)
			if err := e.Validate(); !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
}

func TestPublishErrorFailed(t *testing.T) {
	events := []bus.Event{{ID: "a"}, {ID: "b"}, {ID: "c"}}
	var r bus.Results
	r.Fail(2, "c", bus.ErrClosed)
	r.Fail(0, "a", bus.ErrInvalid)
	err := r.Err(3)
	var pe *bus.PublishError
	if !errors.As(err, &pe) {
		t.Fatalf("got %v, want *PublishError", err)
	}
	if got := pe.Failed(events); len(got) != 2 || got[0].ID != "a" || got[1].ID != "c" {
		t.Errorf("got %v, want a and c", got)
	}
	if !errors.Is(err, bus.ErrClosed) {
		t.Errorf("got errors.Is(err, ErrClosed) false, want true")
	}
}
