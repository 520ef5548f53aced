package httppoll_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/sensor"
	"github.com/stormless/stormless/internal/sensor/httppoll"
	"github.com/stormless/stormless/internal/sensor/sensortest"
	"github.com/stormless/stormless/internal/timer/fakeclock"
)

// site is a test server whose status and body the test sets.
type site struct {
	mu     sync.Mutex
	status int
	body   string
	auth   string
}

func (s *site) set(status int, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.status, s.body = status, body
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.auth = r.Header.Get("Authorization")
	w.WriteHeader(s.status)
	_, _ = w.Write([]byte(s.body))
}

// output is a sensor.Output over d, passing reports to report.
type output struct {
	d      *sensor.BusDispatcher
	report func(error)
}

// payloads decodes the payloads of the events pub published since the
// last call.
func payloads(t *testing.T, pub *sensortest.Publisher) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, e := range pub.Take() {
		d, err := e.TriggerDetail()
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(d.Payload, &m); err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

// startPolling runs a sensor over tr (polled every 10 s) on a fake clock,
// dispatching through a dispatcher that checks PayloadSchema, with
// reports going to report (dropped when nil). It returns poll, which
// lets the next poll happen and returns the payloads it dispatched; the
// first poll, which only observes, is done when startPolling returns.
func startPolling(t *testing.T, tr bus.Trigger, report func(error), opts ...httppoll.Option) (poll func() []map[string]any) {
	t.Helper()
	clock := fakeclock.New(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	s, err := httppoll.New([]bus.Trigger{tr}, append([]httppoll.Option{httppoll.WithClock(clock)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	pub := &sensortest.Publisher{}
	tt := &pack.TriggerType{Ref: httppoll.TriggerType, PayloadSchema: httppoll.PayloadSchema}
	d, err := sensor.NewBusDispatcher(pub, func(string) (*pack.TriggerType, bool) { return tt, true })
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() { defer close(done); _ = s.Run(ctx, output{d: d, report: report}) }()
	t.Cleanup(func() { cancel(); <-done })
	clock.WaitForTimers(t.Context(), 1)
	return func() []map[string]any {
		clock.WaitForTimers(t.Context(), 1)
		clock.Advance(10 * time.Second)
		clock.WaitForTimers(t.Context(), 1)
		return payloads(t, pub)
	}
}

func (o output) Dispatch(ctx context.Context, t bus.Trigger, payload any) error {
	return o.d.Dispatch(ctx, t, payload)
}

func (o output) Report(err error) {
	if o.report != nil {
		o.report(err)
	}
}

func TestPollEmitsOnChange(t *testing.T) {
	st := &site{status: 200, body: "ok"}
	srv := httptest.NewServer(st)
	defer srv.Close()
	tr := bus.Trigger{Type: httppoll.TriggerType, Parameters: map[string]any{
		"url": srv.URL, "interval": 10, "headers": map[string]any{"Authorization": "Bearer x"}}}
	poll := startPolling(t, tr, nil)
	steps := []struct {
		name   string
		status int
		body   string
		want   []string // changed fields, nil: no event
	}{
		{"unchanged", 200, "ok", nil},
		{"body changed", 200, "new", []string{"body"}},
		{"status changed", 503, "new", []string{"status_code"}},
		{"both changed", 200, "back", []string{"status_code", "body"}},
	}
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			st.set(step.status, step.body)
			got := poll()
			if step.want == nil {
				if len(got) != 0 {
					t.Errorf("got %v, want no event", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("got %d events, want 1", len(got))
			}
			raw, _ := json.Marshal(got[0]["changed"])
			want, _ := json.Marshal(step.want)
			if string(raw) != string(want) || got[0]["body"] != step.body || got[0]["status_code"] != float64(step.status) {
				t.Errorf("got %v, want changed %s, body %s, status %d", got[0], want, step.body, step.status)
			}
		})
	}
	if st.auth != "Bearer x" {
		t.Errorf("got Authorization %q, want the trigger's header", st.auth)
	}
	srv.Close()
	if got := poll(); len(got) != 1 || got[0]["status_code"] != float64(0) || got[0]["error"] == nil {
		t.Errorf("got %v, want one event with status 0 and the error when the server is gone", got)
	}
}

func TestNewRejects(t *testing.T) {
	tests := []struct {
		name string
		tr   bus.Trigger
	}{
		{"other type", bus.Trigger{Type: "core.st2.webhook", Parameters: map[string]any{"url": "x"}}},
		{"no url", bus.Trigger{Type: httppoll.TriggerType}},
		{"bad interval", bus.Trigger{Type: httppoll.TriggerType, Parameters: map[string]any{"url": "x", "interval": 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := httppoll.New([]bus.Trigger{tt.tr}); err == nil {
				t.Errorf("got nil, want an error")
			}
		})
	}
}

// Header templates are rendered where the sensor uses them: the server
// gets the secret, while the trigger parameters (recorded with every
// trigger instance) and the payload keep the template.
func TestRendererKeepsSecretsOutOfRecords(t *testing.T) {
	st := &site{status: 200, body: "ok"}
	srv := httptest.NewServer(st)
	defer srv.Close()
	const tmpl = "Bearer {{ st2kv.system.token | decrypt_kv }}"
	headers := map[string]any{"Authorization": tmpl}
	tr := bus.Trigger{Type: httppoll.TriggerType, Parameters: map[string]any{"url": srv.URL, "interval": 10, "headers": headers}}
	render := func(_ context.Context, v string) (string, error) {
		if v != tmpl {
			t.Errorf("rendering %q, want only the header template", v)
		}
		return "Bearer s3cret", nil
	}
	poll := startPolling(t, tr, nil, httppoll.WithRenderer(render))
	st.set(200, "changed")
	got := poll()
	if st.auth != "Bearer s3cret" {
		t.Errorf("got Authorization %q, want the rendered secret", st.auth)
	}
	raw, _ := json.Marshal(got)
	if len(got) != 1 || strings.Contains(string(raw), "s3cret") {
		t.Errorf("got %s, want one event without the secret", raw)
	}
	if headers["Authorization"] != tmpl {
		t.Errorf("the trigger's parameters changed to %v", headers)
	}
}
