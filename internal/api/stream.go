package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"path"
	"strings"
	"time"
)

// maxUnflushed is how many events the stream writes at most before it
// flushes them.
const maxUnflushed = 64

// heartbeat is how often an idle stream sends a comment, so proxies keep
// it open.
const heartbeat = 15 * time.Second

// stream serves GET /stream/v1/stream as server-sent events named as the
// Event* constants say, with the record as JSON data; events=a,b keeps only
// those events (each may be a glob, st2.execution__* say, as StackStorm
// allows). It ends when the client leaves or CloseStreams is called.
func (h *Handler) stream(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		writeFault(w, http.StatusNotImplemented, "this server cannot stream responses")
		return
	}
	keep := eventFilter(r.URL.Query().Get("events"))
	changes := h.notifier.Subscribe(r.Context())
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 1000\n\n")
	fl.Flush()
	h.pump(w, fl, changes, keep)
}

// pump writes the changes keep passes, and a heartbeat comment when idle,
// until the subscription or the client ends or CloseStreams is called. It
// flushes once no change is waiting, so a burst goes out in few writes.
func (h *Handler) pump(w http.ResponseWriter, fl http.Flusher, changes <-chan Change, keep func(string) bool) {
	t := time.NewTicker(heartbeat)
	defer t.Stop()
	unflushed := 0
	for {
		select {
		case c, ok := <-changes:
			if !ok {
				return
			}
			if keep(c.Event) && writeEvent(w, c) != nil {
				return
			}
		case <-h.streamsClosed:
			return
		case <-t.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil {
				return
			}
		}
		// While more are queued, write them first, flushing at least every
		// maxUnflushed events so that a steady flow is not held back.
		if unflushed++; len(changes) == 0 || unflushed >= maxUnflushed {
			fl.Flush()
			unflushed = 0
		}
	}
}

// eventFilter returns whether an event passes a comma-separated list of
// names or globs (path.Match syntax, as StackStorm's fnmatch); an empty
// list passes every event.
func eventFilter(list string) func(string) bool {
	if list == "" {
		return func(string) bool { return true }
	}
	var globs []string
	for _, n := range strings.Split(list, ",") {
		if n = strings.TrimSpace(n); n != "" {
			globs = append(globs, n)
		}
	}
	return func(event string) bool {
		for _, g := range globs {
			if ok, _ := path.Match(g, event); ok || g == event {
				return true
			}
		}
		return false
	}
}

// writeEvent writes one server-sent event.
func writeEvent(w http.ResponseWriter, c Change) error {
	data, err := json.Marshal(c.Data)
	if err != nil {
		return fmt.Errorf("encoding %s: %w", c.Event, err)
	}
	_, err = fmt.Fprintf(w, "event: %s\ndata: %s\n\n", c.Event, data)
	return err
}
