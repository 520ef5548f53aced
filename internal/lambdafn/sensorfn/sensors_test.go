package sensorfn

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/lambdafn/catalog"
)

type recordingBus struct {
	mu     sync.Mutex
	events []bus.Event
}

func (b *recordingBus) Publish(_ context.Context, events ...bus.Event) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.events = append(b.events, events...)
	return nil
}

func sensors(t *testing.T) (*Sensors, *recordingBus) {
	t.Helper()
	set, err := catalog.Load(filepath.Join("testdata", "packs"))
	if err != nil {
		t.Fatal(err)
	}
	pub := &recordingBus{}
	s, err := FromPacks(set, pub)
	if err != nil {
		t.Fatal(err)
	}
	return s, pub
}

func TestPollOnce(t *testing.T) {
	s, pub := sensors(t)
	start := time.Now()
	rep, err := s.Handle(t.Context(), SensorsInput{Sensors: []string{"probe.disk"}})
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("one poll took %v: the run did not end after its first poll (interval 300 s)", d)
	}
	r := rep["probe.disk"]
	if r.Dispatched != 1 || len(r.Problems) != 2 || r.Error != "" {
		t.Errorf("got %+v, want 1 dispatched and 2 problems (a payload against the schema, a line that is not JSON)", r)
	}
	if len(pub.events) != 1 || pub.events[0].DetailType != "probe.disk_full" || !strings.Contains(string(pub.events[0].Detail), `"mount":"/"`) {
		t.Errorf("got events %+v, want one probe.disk_full for /", pub.events)
	}
}

func TestAllSensorsAndFailures(t *testing.T) {
	s, pub := sensors(t)
	rep, err := s.Handle(t.Context(), SensorsInput{})
	if err == nil || !strings.Contains(err.Error(), "probe.broken") {
		t.Errorf("got %v, want the broken sensor's failure named", err)
	}
	if len(rep) != 2 || rep["probe.broken"].Error == "" || rep["probe.disk"].Dispatched != 1 {
		t.Errorf("got %+v, want both sensors polled, the broken one failed", rep)
	}
	if len(pub.events) != 1 {
		t.Errorf("got %d events, want 1", len(pub.events))
	}
	if _, err := s.Handle(t.Context(), SensorsInput{Sensors: []string{"probe.nope"}}); err == nil {
		t.Error("unknown sensor: got no error")
	}
}

// TestHTTPPoll polls the URL of a rule on core.http_poll once per
// invocation, and reports a change on the next one of a warm function.
func TestHTTPPoll(t *testing.T) {
	status := http.StatusOK
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(status)
		_, _ = w.Write([]byte("up"))
	}))
	defer srv.Close()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "packs"))); err != nil {
		t.Fatal(err)
	}
	rule := "---\nname: watch\npack: probe\nenabled: true\ntrigger:\n  type: core.http_poll\n  parameters:\n    url: " + srv.URL +
		"\n    interval: 60\naction:\n  ref: core.noop\n"
	if err := os.MkdirAll(filepath.Join(dir, "probe", "rules"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "probe", "rules", "watch.yaml"), []byte(rule), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err := catalog.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	pub := &recordingBus{}
	s, err := FromPacks(set, pub)
	if err != nil {
		t.Fatal(err)
	}
	in := SensorsInput{Sensors: []string{"core.http_poll"}}
	if _, err := s.Handle(t.Context(), in); err != nil {
		t.Fatal(err)
	}
	status = http.StatusServiceUnavailable
	s.Clock.now = func() time.Time { return time.Now().Add(2 * time.Minute) } // the next scheduled invocation
	rep, err := s.Handle(t.Context(), in)
	if err != nil {
		t.Fatal(err)
	}
	if rep["core.http_poll"].Dispatched == 0 || len(pub.events) == 0 {
		t.Fatalf("got %+v and %d events, want the change to 503 dispatched", rep, len(pub.events))
	}
	last := pub.events[len(pub.events)-1]
	if last.DetailType != "core.http_poll" || !strings.Contains(string(last.Detail), `"status_code":503`) {
		t.Errorf("got %s %s, want a core.http_poll event with status 503", last.DetailType, last.Detail)
	}
}
