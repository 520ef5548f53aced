package main

import (
	"strings"
	"sync"
	"testing"

	"github.com/stormless/stormless/internal/client"
	"github.com/stormless/stormless/internal/client/clienttest"
)

// liveWriter records, for each write, whether the execution was still
// running then.
type liveWriter struct {
	t  *testing.T
	c  *client.Client
	id string

	mu      sync.Mutex
	text    strings.Builder
	running []bool
}

func (w *liveWriter) Write(p []byte) (int, error) {
	e, err := w.c.Execution(w.t.Context(), w.id)
	w.mu.Lock()
	defer w.mu.Unlock()
	w.running = append(w.running, err == nil && !e.Status.Final())
	return w.text.Write(p)
}

func TestFollowPrintsOutputWhileItRuns(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{})
	c, err := client.New(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	e, err := c.Run(t.Context(), "clitest.lines", map[string]any{"count": 3, "pause": 0.4})
	if err != nil {
		t.Fatal(err)
	}
	out := &liveWriter{t: t, c: c, id: e.ID}
	var progress strings.Builder
	final, err := follow(t.Context(), c, e.ID, out, &progress)
	if err != nil {
		t.Fatal(err)
	}
	if final.Status != "succeeded" || out.text.String() != "line 1\nline 2\nline 3\n" {
		t.Fatalf("got %s %q, want succeeded and every line once", final.Status, out.text.String())
	}
	if len(out.running) < 2 || !out.running[0] {
		t.Errorf("got writes while running %v, want the first lines written before the end", out.running)
	}
	if !strings.Contains(progress.String(), ": running\n") || !strings.HasSuffix(progress.String(), ": succeeded\n") {
		t.Errorf("got progress %q, want running then succeeded", progress.String())
	}
}
