package local

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/execution"
)

// TestCloseLeavesNoGoroutines runs events, a chain and a workflow, closes
// the engine and checks every goroutine it started has ended.
func TestCloseLeavesNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	e := newEngine(t, t.TempDir())
	webhook(t, e, "hello", map[string]any{"name": "Ada"})
	waitFinal(t, e, execution.ExecutionQuery{Rule: "t.chained"})
	if _, err := e.Run(t.Context(), "t.wf", map[string]any{"who": "x"}); err != nil {
		t.Fatal(err)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	var after int
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if after = runtime.NumGoroutine(); after <= before {
			return
		}
	}
	buf := make([]byte, 1<<20)
	t.Errorf("got %d goroutines after Close, want at most %d as before New:\n%s", after, before, buf[:runtime.Stack(buf, true)])
}

// TestNewFailureLeavesNoGoroutines fails New after the bus is built (a
// workflow that does not compile) and checks nothing keeps running.
func TestNewFailureLeavesNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	_, err := New(WithPacks(filepath.Join("..", "..", "packs"), filepath.Join("testdata", "badpacks")), WithDataDir(t.TempDir()))
	if err == nil {
		t.Fatal("got no error for a pack whose workflow does not compile, want one")
	}
	if !strings.Contains(err.Error(), "compiling action bad.broken") {
		t.Fatalf("got %v, want the workflow compile error", err)
	}
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if runtime.NumGoroutine() <= before {
			return
		}
	}
	t.Errorf("got %d goroutines after a failed New, want at most %d", runtime.NumGoroutine(), before)
}
