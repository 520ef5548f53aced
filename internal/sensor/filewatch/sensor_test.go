package filewatch_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/sensor/filewatch"
	"github.com/stormless/stormless/internal/timer/fakeclock"
)

type lines struct {
	mu       sync.Mutex
	got      []string
	problems []error
}

func (l *lines) Dispatch(_ context.Context, t bus.Trigger, payload any) error {
	p := payload.(map[string]any)
	l.mu.Lock()
	defer l.mu.Unlock()
	if p["file_path"] != t.Parameters["file_path"] || p["file_name"] != filepath.Base(p["file_path"].(string)) {
		l.problems = append(l.problems, os.ErrInvalid)
	}
	l.got = append(l.got, p["line"].(string))
	return nil
}

func (l *lines) Report(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.problems = append(l.problems, err)
}

// take returns and clears the lines seen so far.
func (l *lines) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	got := l.got
	l.got = nil
	return got
}

// watcher runs the sensor on a fake clock; poll makes it poll once more.
type watcher struct {
	t     *testing.T
	clock *fakeclock.Clock
	out   *lines
	stop  func()
}

func watch(t *testing.T, paths ...string) *watcher {
	t.Helper()
	var triggers []bus.Trigger
	for _, p := range paths {
		triggers = append(triggers, bus.Trigger{Type: filewatch.TriggerType, Parameters: map[string]any{"file_path": p}})
	}
	clock := fakeclock.New(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	s, err := filewatch.New(triggers, filewatch.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	w := &watcher{t: t, clock: clock, out: &lines{}}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() { defer close(done); _ = s.Run(ctx, w.out) }()
	w.stop = func() { cancel(); <-done }
	t.Cleanup(w.stop)
	clock.WaitForTimers(t.Context(), 1)
	return w
}

func (w *watcher) poll() []string {
	w.clock.Advance(time.Second)
	w.clock.WaitForTimers(w.t.Context(), 1)
	return w.out.take()
}

func appendTo(t *testing.T, path, s string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(s); err != nil {
		t.Fatal(err)
	}
}

func TestFileWatch(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "app.log")
	appendTo(t, log, "old line\n")
	w := watch(t, log)
	tests := []struct {
		name   string
		change func()
		want   []string
	}{
		{"existing lines are skipped", func() {}, nil},
		{"appended lines", func() { appendTo(t, log, "one\ntwo\r\n") }, []string{"one", "two"}},
		{"partial line waits", func() { appendTo(t, log, "thr") }, nil},
		{"partial line completes", func() { appendTo(t, log, "ee\n") }, []string{"three"}},
		{"truncation restarts", func() {
			if err := os.WriteFile(log, []byte("after truncate\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, []string{"after truncate"}},
		{"rotation drains the old file", func() {
			appendTo(t, log, "last of old\n")
			if err := os.Rename(log, log+".1"); err != nil {
				t.Fatal(err)
			}
			appendTo(t, log, "first of new\n")
		}, []string{"last of old", "first of new"}},
		{"removed file", func() {
			if err := os.Remove(log); err != nil {
				t.Fatal(err)
			}
		}, nil},
		{"recreated file is read from the start", func() { appendTo(t, log, "reborn\n") }, []string{"reborn"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.change()
			if got := w.poll(); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if len(w.out.problems) != 0 {
		t.Errorf("got problems %v, want none", w.out.problems)
	}
}

func TestFileThatAppearsLater(t *testing.T) {
	log := filepath.Join(t.TempDir(), "later.log")
	w := watch(t, log)
	appendTo(t, log, "hello\n")
	if got := w.poll(); len(got) != 1 || got[0] != "hello" {
		t.Errorf("got %q, want [hello]", got)
	}
}

func TestRestartResumes(t *testing.T) {
	log := filepath.Join(t.TempDir(), "r.log")
	appendTo(t, log, "before\n")
	clock := fakeclock.New(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	s, err := filewatch.New([]bus.Trigger{{Type: filewatch.TriggerType, Parameters: map[string]any{"file_path": log}}}, filewatch.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	out := &lines{}
	run := func(between func()) {
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan struct{})
		go func() { defer close(done); _ = s.Run(ctx, out) }()
		clock.WaitForTimers(t.Context(), 1)
		between()
		cancel()
		<-done
	}
	run(func() {})
	appendTo(t, log, "while stopped\n")
	run(func() {})
	if got := out.take(); len(got) != 1 || got[0] != "while stopped" {
		t.Errorf("got %q, want the line written while the sensor was down", got)
	}
}

func TestNewRejectsOtherTriggers(t *testing.T) {
	if _, err := filewatch.New([]bus.Trigger{{Type: "core.st2.webhook"}}); err == nil {
		t.Errorf("got nil, want an error")
	}
}
