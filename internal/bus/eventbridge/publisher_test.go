package eventbridge

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/bus/bustest"
)

// fakeEventBridge is PutEvents with EventBridge's request limits: it
// refuses calls over 10 entries or 256 KiB, and fails the entries its
// script names (by detail substring) with the scripted codes, one per
// call, before accepting them.
type fakeEventBridge struct {
	mu       sync.Mutex
	calls    [][]Entry
	accepted []Entry
	script   map[string][]string
	callErr  error
}

func (f *fakeEventBridge) PutEvents(_ context.Context, in *PutEventsInput) (*PutEventsOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, in.Entries)
	if f.callErr != nil {
		return nil, f.callErr
	}
	size := 0
	for _, e := range in.Entries {
		size += len(e.Source) + len(e.DetailType) + len(e.Detail) + 14
	}
	if len(in.Entries) > MaxEntries || size > MaxRequestBytes {
		return nil, fmt.Errorf("ValidationException: %d entries, %d bytes", len(in.Entries), size)
	}
	out := &PutEventsOutput{}
	for i, e := range in.Entries {
		code := ""
		for k, codes := range f.script {
			if strings.Contains(e.Detail, k) && len(codes) > 0 {
				code, f.script[k] = codes[0], codes[1:]
			}
		}
		if code != "" {
			out.FailedEntryCount++
			out.Entries = append(out.Entries, ResultEntry{ErrorCode: code, ErrorMessage: "scripted"})
			continue
		}
		f.accepted = append(f.accepted, in.Entries[i])
		out.Entries = append(out.Entries, ResultEntry{EventId: fmt.Sprint("eb-", len(f.accepted))})
	}
	return out, nil
}

// newEvent returns a webhook event whose payload carries tag.
func newEvent(t *testing.T, tag string, size int) bus.Event {
	t.Helper()
	e, err := bus.NewEvent("core.st2.webhook", map[string]any{"url": "x"}, map[string]any{"tag": tag, "pad": strings.Repeat("p", size)})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// noSleep records the waits instead of sleeping.
func noSleep(waits *[]time.Duration) Option {
	return withSleep(func(_ context.Context, d time.Duration) error {
		*waits = append(*waits, d)
		return nil
	})
}

func TestPublisherConformance(t *testing.T) {
	bustest.TestPublisher(t, func(t *testing.T) (bus.Publisher, func(context.Context, int) []bus.Event) {
		fake := &fakeEventBridge{}
		p, err := New(fake)
		if err != nil {
			t.Fatal(err)
		}
		rec := &recorder{p: p, sent: map[string]string{}}
		return rec, func(_ context.Context, n int) []bus.Event {
			fake.mu.Lock()
			defer fake.mu.Unlock()
			var out []bus.Event
			for _, e := range fake.accepted {
				out = append(out, bus.Event{ID: rec.sent[e.Detail], Source: e.Source, DetailType: e.DetailType, Detail: []byte(e.Detail)})
			}
			return out
		}
	})
}

// recorder remembers the envelope id of each detail published, since
// EventBridge gives delivered events ids of its own.
type recorder struct {
	p    *Publisher
	sent map[string]string
}

func (r *recorder) Publish(ctx context.Context, events ...bus.Event) error {
	for _, e := range events {
		r.sent[string(e.Detail)] = e.ID
	}
	return r.p.Publish(ctx, events...)
}

func TestBatches(t *testing.T) {
	tests := []struct {
		name      string
		n, size   int
		wantCalls []int
	}{
		{"25 small events in calls of 10", 25, 10, []int{10, 10, 5}},
		{"100 KB events two per call", 5, 100 * 1024, []int{2, 2, 1}},
		{"one event", 1, 10, []int{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := &fakeEventBridge{}
			p, err := New(fake, WithBusName("stormless"))
			if err != nil {
				t.Fatal(err)
			}
			var events []bus.Event
			for i := range tt.n {
				events = append(events, newEvent(t, fmt.Sprint("e", i), tt.size))
			}
			if err := p.Publish(t.Context(), events...); err != nil {
				t.Fatalf("got %v, want nil", err)
			}
			var got []int
			for _, c := range fake.calls {
				got = append(got, len(c))
				for _, e := range c {
					if e.EventBusName != "stormless" {
						t.Errorf("got bus %q, want stormless", e.EventBusName)
					}
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.wantCalls) {
				t.Errorf("got calls of %v entries, want %v", got, tt.wantCalls)
			}
			if len(fake.accepted) != tt.n {
				t.Errorf("got %d accepted, want %d", len(fake.accepted), tt.n)
			}
		})
	}
}

func TestRetries(t *testing.T) {
	fake := &fakeEventBridge{script: map[string][]string{
		`"tag":"flaky"`:     {"ThrottlingException", "InternalFailure"},
		`"tag":"malformed"`: {"MalformedDetail"},
		`"tag":"hopeless"`:  {"ThrottlingException", "ThrottlingException", "ThrottlingException"},
	}}
	var waits []time.Duration
	p, err := New(fake, WithMaxAttempts(3), WithBackoff(100*time.Millisecond, time.Second), noSleep(&waits))
	if err != nil {
		t.Fatal(err)
	}
	events := []bus.Event{newEvent(t, "ok", 1), newEvent(t, "flaky", 1), newEvent(t, "malformed", 1), newEvent(t, "hopeless", 1)}
	err = p.Publish(t.Context(), events...)
	var pe *bus.PublishError
	if !errors.As(err, &pe) {
		t.Fatalf("got %v, want a *bus.PublishError", err)
	}
	if pe.FailedEntryCount() != 2 || pe.Entries[0].Index != 2 || pe.Entries[1].Index != 3 {
		t.Fatalf("got failed entries %+v, want indexes 2 and 3", pe.Entries)
	}
	for i, want := range []string{"MalformedDetail", "ThrottlingException"} {
		var ee *EntryError
		if !errors.As(pe.Entries[i].Err, &ee) || ee.Code != want {
			t.Errorf("entry %d: got %v, want code %s", pe.Entries[i].Index, pe.Entries[i].Err, want)
		}
	}
	if len(fake.accepted) != 2 {
		t.Errorf("got %d accepted, want 2 (ok and flaky)", len(fake.accepted))
	}
	if len(fake.calls) != 3 || len(fake.calls[1]) != 2 || len(fake.calls[2]) != 2 {
		t.Errorf("got %d calls, want 3 with the retried entries only (flaky, hopeless)", len(fake.calls))
	}
	if len(waits) != 2 || waits[0] < 50*time.Millisecond || waits[0] > 100*time.Millisecond || waits[1] < 100*time.Millisecond || waits[1] > 200*time.Millisecond {
		t.Errorf("got waits %v, want two jittered exponential waits (50-100 ms, 100-200 ms)", waits)
	}
}

func TestCallError(t *testing.T) {
	fake := &fakeEventBridge{callErr: errors.New("AccessDeniedException: no")}
	p, err := New(fake)
	if err != nil {
		t.Fatal(err)
	}
	err = p.Publish(t.Context(), newEvent(t, "a", 1), newEvent(t, "b", 1))
	var pe *bus.PublishError
	if !errors.As(err, &pe) || pe.FailedEntryCount() != 2 || !strings.Contains(err.Error(), "AccessDenied") {
		t.Fatalf("got %v, want both entries failed with the call's error", err)
	}
	if len(fake.calls) != 1 {
		t.Errorf("got %d calls, want 1 (the SDK retries a failed call, not the publisher)", len(fake.calls))
	}
}

func TestCancelledWhileWaiting(t *testing.T) {
	fake := &fakeEventBridge{script: map[string][]string{`"tag":"slow"`: {"ThrottlingException"}}}
	ctx, cancel := context.WithCancel(t.Context())
	p, err := New(fake, withSleep(func(context.Context, time.Duration) error { cancel(); return context.Canceled }))
	if err != nil {
		t.Fatal(err)
	}
	err = p.Publish(ctx, newEvent(t, "slow", 1))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want the entry failed with context.Canceled", err)
	}
}

func TestOptions(t *testing.T) {
	for _, o := range []Option{WithMaxAttempts(0), WithBackoff(0, time.Second), WithBackoff(time.Second, time.Millisecond)} {
		if _, err := New(&fakeEventBridge{}, o); err == nil {
			t.Error("bad option: got no error")
		}
	}
	if _, err := New(nil); err == nil {
		t.Error("nil client: got no error")
	}
}
