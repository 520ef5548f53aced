package httppoll_test

import (
	"context"
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
	"github.com/stormless/stormless/internal/timer/fakeclock"
)

// reports records the problems a sensor reports.
type reports struct {
	output
	mu  sync.Mutex
	got []string
}

func (r *reports) Report(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, err.Error())
}

func (r *reports) all() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.got, "\n")
}

// TestURLPasswordNeverShown: a URL with a password is polled with it, but
// the password is in neither the reported problems (shown by the API) nor
// the payloads (recorded as trigger instances).
func TestURLPasswordNeverShown(t *testing.T) {
	st := &site{status: 200, body: "ok"}
	srv := httptest.NewServer(st)
	withPassword := strings.Replace(srv.URL, "http://", "http://ann:s3cr3t@", 1)
	tr := bus.Trigger{Type: httppoll.TriggerType, Parameters: map[string]any{"url": withPassword, "interval": 10}}
	clock := fakeclock.New(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	s, err := httppoll.New([]bus.Trigger{tr}, httppoll.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	pub := &published{}
	tt := &pack.TriggerType{Ref: httppoll.TriggerType, PayloadSchema: httppoll.PayloadSchema}
	d, err := sensor.NewBusDispatcher(pub, func(string) (*pack.TriggerType, bool) { return tt, true })
	if err != nil {
		t.Fatal(err)
	}
	out := &reports{output: output{d: d, p: pub}}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() { defer close(done); _ = s.Run(ctx, out) }()
	defer func() { cancel(); <-done }()
	poll := func() []map[string]any {
		clock.WaitForTimers(t.Context(), 1)
		clock.Advance(10 * time.Second)
		clock.WaitForTimers(t.Context(), 1)
		return pub.take(t)
	}
	clock.WaitForTimers(t.Context(), 1) // the first poll, of 200 "ok", is done
	st.set(http.StatusServiceUnavailable, "down")
	got := poll()
	if len(got) != 1 {
		t.Fatalf("got %v, want one change", got)
	}
	if !strings.HasPrefix(st.auth, "Basic ") {
		t.Errorf("got Authorization %q, want the URL's user and password sent", st.auth)
	}
	if u, _ := got[0]["url"].(string); strings.Contains(u, "s3cr3t") || !strings.Contains(u, "ann:") {
		t.Errorf("got payload url %q, want the password redacted", u)
	}
	srv.Close()
	poll()
	if r := out.all(); r == "" || strings.Contains(r, "s3cr3t") {
		t.Errorf("got reports %q, want the failure reported without the password", r)
	}
}
