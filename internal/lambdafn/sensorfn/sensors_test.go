package sensorfn

import (
	"context"
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
