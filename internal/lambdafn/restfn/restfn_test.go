package restfn

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/sqlitestore"
)

// halfBus refuses the entries whose detail holds "refuse", as EventBridge
// refuses entries one by one.
type halfBus struct{ got []bus.Event }

func (b *halfBus) Publish(_ context.Context, events ...bus.Event) error {
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

func newEvent(t *testing.T, body string) bus.Event {
	t.Helper()
	e, err := bus.NewEvent("core.st2.webhook", map[string]any{"url": "x"}, map[string]any{"body": body})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestPublishRecords(t *testing.T) {
	store, err := sqlitestore.Open(t.Context(), filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	b := &halfBus{}
	eng := &BusEngine{Store: store, Bus: b, RecordTriggerInstances: true}
	ok, refused := newEvent(t, "fine"), newEvent(t, "refuse")
	err = eng.Publish(t.Context(), ok, refused)
	var pe *bus.PublishError
	if !errors.As(err, &pe) || pe.FailedEntryCount() != 1 || pe.Entries[0].Index != 1 {
		t.Fatalf("got %v, want entry 1 failed", err)
	}
	for _, tt := range []struct {
		ev   bus.Event
		want execution.TriggerInstanceStatus
	}{{ok, execution.TriggerProcessed}, {refused, execution.TriggerProcessingFailed}} {
		ti, _ := tt.ev.TriggerInstance()
		got, err := store.GetTriggerInstance(t.Context(), ti.ID)
		if err != nil || got.Status != tt.want {
			t.Errorf("trigger instance %s: got %+v, %v; want %s", ti.ID, got.Status, err, tt.want)
		}
	}
	if err := eng.Publish(t.Context(), ok); err != nil {
		t.Errorf("publishing again (a retry): got %v, want nil", err)
	}
	if _, err := eng.Submit(t.Context(), "core.noop", nil, "u"); !errors.Is(err, ErrNotServed) {
		t.Errorf("submit: got %v, want ErrNotServed", err)
	}
}

func TestPublishWithoutRecording(t *testing.T) {
	b := &halfBus{}
	eng := &BusEngine{Bus: b}
	if err := eng.Publish(t.Context(), newEvent(t, "fine")); err != nil || len(b.got) != 1 {
		t.Errorf("got %v with %d events, want the event on the bus", err, len(b.got))
	}
}

func TestGatewayAuthAndFilters(t *testing.T) {
	if _, err := (GatewayAuth{}).Authenticate(t.Context(), "k"); !errors.Is(err, api.ErrUnauthorized) {
		t.Errorf("no authorizer context: got %v, want ErrUnauthorized", err)
	}
	ok := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(299) })
	tests := []struct {
		h    http.Handler
		path string
		want int
	}{
		{NoStream(ok), "/stream/v1/stream", http.StatusNotImplemented},
		{NoStream(ok), "/api/v1/executions", 299},
		{WebhooksOnly(ok), "/api/v1/webhooks/x", 299},
		{WebhooksOnly(ok), "/api/v1/keys", http.StatusNotFound},
	}
	for _, tt := range tests {
		w := httptest.NewRecorder()
		tt.h.ServeHTTP(w, httptest.NewRequest("GET", tt.path, nil))
		if w.Code != tt.want {
			t.Errorf("%s: got %d, want %d", tt.path, w.Code, tt.want)
		}
	}
}
