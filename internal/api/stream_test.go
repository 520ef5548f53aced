package api_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/execution"
)

// sse is one server-sent event.
type sse struct {
	event string
	data  string
}

// listen opens the event stream at path and returns its events.
func listen(t *testing.T, s *server, path string) <-chan sse {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("got %d %s, want 200 text/event-stream", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() && sc.Text() != "" { // the retry line, sent once subscribed
	}
	events := make(chan sse, 64)
	go func() {
		defer resp.Body.Close()
		defer close(events)
		var ev sse
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			case line == "" && ev.event != "":
				events <- ev
				ev = sse{}
			}
		}
	}()
	return events
}

func TestStreamReportsExecutionsAndTriggerInstances(t *testing.T) {
	s := newServer(t)
	events := listen(t, s, "/stream/v1/stream")
	code, body, _ := s.do(t, http.MethodPost, "/api/v1/webhooks/apitest/hook", map[string]any{"msg": "streamed"})
	if code != http.StatusAccepted {
		t.Fatalf("got %d %s, want 202", code, body)
	}
	var sawInstance, sawCreate, sawSucceeded bool
	timeout := time.After(20 * time.Second)
	for !(sawInstance && sawCreate && sawSucceeded) {
		select {
		case ev, ok := <-events:
			if !ok {
				t.Fatal("the stream ended")
			}
			if strings.Contains(ev.data, "s3cr3t-token") {
				t.Errorf("event %s shows the secret: %s", ev.event, ev.data)
			}
			var e execution.Execution
			json.Unmarshal([]byte(ev.data), &e)
			switch ev.event {
			case "st2.trigger_instances_dispatch__trigger_instance":
				sawInstance = true
			case "st2.execution__create":
				sawCreate = true
				sawSucceeded = sawSucceeded || e.Status == execution.StatusSucceeded
			case "st2.execution__update":
				sawSucceeded = sawSucceeded || e.Status == execution.StatusSucceeded
			}
		case <-timeout:
			t.Fatalf("got instance %v, create %v, succeeded %v; want all", sawInstance, sawCreate, sawSucceeded)
		}
	}
}

func TestStreamFiltersEvents(t *testing.T) {
	s := newServer(t)
	events := listen(t, s, "/stream/v1/stream?events=st2.execution__create")
	s.do(t, http.MethodPost, "/api/v1/webhooks/apitest/hook", map[string]any{"msg": "filtered"})
	select {
	case ev := <-events:
		if ev.event != "st2.execution__create" {
			t.Errorf("got event %s, want only st2.execution__create", ev.event)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("no event")
	}
}

func TestCloseStreamsEndsStreams(t *testing.T) {
	s := newServer(t)
	events := listen(t, s, "/stream/v1/stream")
	s.handler.CloseStreams()
	select {
	case _, ok := <-events:
		if ok {
			t.Error("got an event, want the stream to end")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the stream did not end")
	}
}
