package recordbus

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/sqlitestore"
)

// halfBus refuses the entries whose detail holds "refuse", as EventBridge
// refuses entries one by one, and fails every entry when down.
type halfBus struct {
	got  []bus.Event
	down bool
}

func (b *halfBus) Publish(_ context.Context, events ...bus.Event) error {
	if b.down {
		return errors.New("connection refused")
	}
	var res bus.Results
	for i, e := range events {
		if strings.Contains(string(e.Detail), "refuse") {
			res.Fail(i, e.ID, errors.New("InternalFailure"))
			continue
		}
		b.got = append(b.got, e)
	}
	return res.Err(len(events))
}

// brokenStore fails every create.
type brokenStore struct{ Store }

func (brokenStore) CreateTriggerInstance(context.Context, execution.TriggerInstance) error {
	return errors.New("throughput exceeded")
}

func newEvent(t *testing.T, body string) bus.Event {
	t.Helper()
	e, err := bus.NewEvent("core.st2.webhook", map[string]any{"url": "x"}, map[string]any{"body": body})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func openStore(t *testing.T) *sqlitestore.Store {
	t.Helper()
	store, err := sqlitestore.Open(t.Context(), filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	return store
}

func status(t *testing.T, store execution.Store, ev bus.Event) execution.TriggerInstance {
	t.Helper()
	ti, err := ev.TriggerInstance()
	if err != nil {
		t.Fatal(err)
	}
	got, err := store.GetTriggerInstance(t.Context(), ti.ID)
	if err != nil {
		t.Fatalf("trigger instance %s: %v", ti.ID, err)
	}
	return got
}

func TestPublishRecordsEveryInstance(t *testing.T) {
	store := openStore(t)
	b := &halfBus{}
	p := Publisher{Store: store, Bus: b}
	ok, refused := newEvent(t, "fine"), newEvent(t, "refuse")
	err := p.Publish(t.Context(), ok, refused)
	var pe *bus.PublishError
	if !errors.As(err, &pe) || pe.FailedEntryCount() != 1 || pe.Entries[0].Index != 1 {
		t.Fatalf("got %v, want entry 1 failed", err)
	}
	if len(b.got) != 1 || b.got[0].ID != ok.ID {
		t.Errorf("got %d events on the bus, want the accepted one", len(b.got))
	}
	for _, tt := range []struct {
		name string
		ev   bus.Event
		want execution.TriggerInstanceStatus
	}{{"published", ok, execution.TriggerProcessed}, {"refused by the bus", refused, execution.TriggerProcessingFailed}} {
		got := status(t, store, tt.ev)
		d, _ := tt.ev.TriggerDetail()
		if got.Status != tt.want || got.ID != d.ID || got.Trigger != "core.st2.webhook" || got.TriggerParameters["url"] != "x" {
			t.Errorf("%s: got %+v, want id %s (detail.id), trigger core.st2.webhook, status %s", tt.name, got, d.ID, tt.want)
		}
	}
	// A retried publish (the client sent again) records nothing new and
	// publishes again.
	if err := p.Publish(t.Context(), ok); err != nil || len(b.got) != 2 {
		t.Errorf("publishing again: got %v with %d events, want nil and the event republished", err, len(b.got))
	}
	page, err := store.ListTriggerInstances(t.Context(), execution.TriggerInstanceQuery{})
	if err != nil || len(page.Items) != 2 {
		t.Errorf("got %d records, %v; want 2", len(page.Items), err)
	}
}

func TestBusDownMarksAllFailed(t *testing.T) {
	store := openStore(t)
	p := Publisher{Store: store, Bus: &halfBus{down: true}}
	a, b := newEvent(t, "a"), newEvent(t, "b")
	var pe *bus.PublishError
	if err := p.Publish(t.Context(), a, b); !errors.As(err, &pe) || pe.FailedEntryCount() != 2 {
		t.Fatalf("got %v, want both entries failed", err)
	}
	for _, ev := range []bus.Event{a, b} {
		if got := status(t, store, ev).Status; got != execution.TriggerProcessingFailed {
			t.Errorf("got %s, want %s", got, execution.TriggerProcessingFailed)
		}
	}
}

func TestRecordFailureIsNotPublished(t *testing.T) {
	b := &halfBus{}
	p := Publisher{Store: brokenStore{}, Bus: b}
	err := p.Publish(t.Context(), newEvent(t, "fine"))
	var pe *bus.PublishError
	if !errors.As(err, &pe) || pe.FailedEntryCount() != 1 || !strings.Contains(err.Error(), "throughput exceeded") {
		t.Errorf("got %v, want the entry failed with the store's error", err)
	}
	if len(b.got) != 0 {
		t.Errorf("got %d events on the bus, want none (nothing unrecorded is published)", len(b.got))
	}
}

func TestAWSEventWithoutTime(t *testing.T) {
	store := openStore(t)
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	p := Publisher{Store: store, Bus: &halfBus{}, Now: func() time.Time { return at }}
	ev := bus.Event{ID: "aws-1", Source: "aws.s3", DetailType: "Object Created", Detail: []byte(`{"bucket":"b"}`)}
	if err := p.Publish(t.Context(), ev); err != nil {
		t.Fatal(err)
	}
	got := status(t, store, ev)
	if got.ID != "aws-1" || !got.OccurrenceTime.Equal(at) || got.Status != execution.TriggerProcessed {
		t.Errorf("got %+v, want id aws-1 at %v, processed", got, at)
	}
}

// TestRetryAfterFailure: an event the bus refused, published again once
// the bus is back, is recorded once and ends processed.
func TestRetryAfterFailure(t *testing.T) {
	store := openStore(t)
	b := &halfBus{down: true}
	p := Publisher{Store: store, Bus: b}
	ev := newEvent(t, "fine")
	if err := p.Publish(t.Context(), ev); err == nil {
		t.Fatal("bus down: got no error")
	}
	if got := status(t, store, ev).Status; got != execution.TriggerProcessingFailed {
		t.Fatalf("after the failure: got %s, want %s", got, execution.TriggerProcessingFailed)
	}
	b.down = false
	if err := p.Publish(t.Context(), ev); err != nil {
		t.Fatal(err)
	}
	if got := status(t, store, ev).Status; got != execution.TriggerProcessed {
		t.Errorf("after the retry: got %s, want %s", got, execution.TriggerProcessed)
	}
	if len(b.got) != 1 {
		t.Errorf("got %d events on the bus, want 1", len(b.got))
	}
}
