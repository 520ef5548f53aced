package local

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/stormless/stormless/internal/bus"
)

// journal keeps every accepted event as one JSON line, written before the
// trigger instances are committed, so that events accepted but not yet
// enforced when the process died can be enforced again: the store keeps
// the trigger instance, the journal the whole event (trigger parameters
// included). Each engine start writes a new file; the files of earlier
// runs are read for recovery and removed once it is done. Writes reach the
// operating system before Publish returns (a killed process loses nothing;
// a power loss may lose the tail, whose trigger instances are then failed
// on recovery).
type journal struct {
	mu   sync.Mutex
	f    *os.File
	old  []string
	path string
}

const journalPrefix = "events.journal."

// openJournal starts a new journal file in dir and lists the earlier ones.
func openJournal(dir string, seq int64) (*journal, error) {
	old, err := filepath.Glob(filepath.Join(dir, journalPrefix+"*"))
	if err != nil {
		return nil, fmt.Errorf("listing journals: %w", err)
	}
	sort.Strings(old)
	path := filepath.Join(dir, fmt.Sprintf("%s%020d", journalPrefix, seq))
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening journal: %w", err)
	}
	return &journal{f: f, old: old, path: path}, nil
}

// append writes events in one write.
func (j *journal) append(events []bus.Event) error {
	if j == nil || len(events) == 0 {
		return nil
	}
	var buf []byte
	for _, ev := range events {
		b, err := json.Marshal(ev)
		if err != nil {
			return fmt.Errorf("encoding event %s: %w", ev.ID, err)
		}
		buf = append(append(buf, b...), '\n')
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if _, err := j.f.Write(buf); err != nil {
		return fmt.Errorf("writing journal: %w", err)
	}
	return nil
}

// recovered reads the events of earlier runs; a torn last line is skipped.
func (j *journal) recovered() ([]bus.Event, error) {
	if j == nil {
		return nil, nil
	}
	var out []bus.Event
	for _, p := range j.old {
		evs, err := readJournal(p)
		if err != nil {
			return nil, err
		}
		out = append(out, evs...)
	}
	return out, nil
}

func readJournal(path string) ([]bus.Event, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening journal %s: %w", path, err)
	}
	defer f.Close()
	var out []bus.Event
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 2*bus.MaxEntrySize)
	for sc.Scan() {
		var ev bus.Event
		if json.Unmarshal(sc.Bytes(), &ev) == nil {
			out = append(out, ev)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading journal %s: %w", path, err)
	}
	return out, nil
}

// dropRecovered removes the journals of earlier runs once their events
// are all processed.
func (j *journal) dropRecovered() error {
	if j == nil {
		return nil
	}
	for _, p := range j.old {
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("removing journal %s: %w", p, err)
		}
	}
	j.old = nil
	return nil
}

func (j *journal) close() {
	if j != nil {
		_ = j.f.Close()
	}
}
