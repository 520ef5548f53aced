package sensorfn

import (
	"path/filepath"
	"testing"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/sqlitestore"
	"github.com/stormless/stormless/internal/lambdafn/catalog"
	"github.com/stormless/stormless/internal/lambdafn/recordbus"
)

// TestPollRecordsInstances polls through the publisher New wires: what a
// sensor dispatches is recorded, with the event's trigger instance id,
// before it is on the bus.
func TestPollRecordsInstances(t *testing.T) {
	set, err := catalog.Load(filepath.Join("testdata", "packs"))
	if err != nil {
		t.Fatal(err)
	}
	store, err := sqlitestore.Open(t.Context(), filepath.Join(t.TempDir(), "audit.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	pub := &recordingBus{}
	s, err := FromPacks(set, recordbus.Publisher{Store: store, Bus: pub})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Handle(t.Context(), SensorsInput{Sensors: []string{"probe.disk"}}); err != nil {
		t.Fatal(err)
	}
	if len(pub.events) != 1 {
		t.Fatalf("got %d events, want 1", len(pub.events))
	}
	d, err := pub.events[0].TriggerDetail()
	if err != nil {
		t.Fatal(err)
	}
	ti, err := store.GetTriggerInstance(t.Context(), d.ID)
	if err != nil || ti.Trigger != "probe.disk_full" || ti.Status != execution.TriggerProcessed {
		t.Errorf("got %+v, %v; want a processed probe.disk_full instance recorded", ti, err)
	}
}
