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

// journal keeps every accepted event some rule matches as one JSON line,
// written before its trigger instance is committed, so that events
// accepted but not yet enforced when the process died can be enforced
// again: the store keeps the trigger instance, the journal the whole event
// (trigger parameters included).
//
// The journal is a sequence of files. The current one is replaced by a new
// one once it holds maxJournalBytes; a replaced file is removed as soon as
// every event in it is done (processed or failed). Files of earlier runs
// are read for recovery and removed once it is done. Writes reach the
// operating system before Publish returns: a killed process loses nothing;
// a power loss may lose the tail, whose trigger instances are then failed
// on recovery. Safe for concurrent use.
type journal struct {
	mu      sync.Mutex
	dir     string
	seq     int64
	cur     *journalFile
	byEvent map[string]*journalFile // trigger instance id -> its file
	old     []string
	// max is the size at which the current file is replaced.
	max int64
}

// journalFile is one file and how many of its events are not done.
type journalFile struct {
	path        string
	f           *os.File
	size        int64
	outstanding int
}

const (
	journalPrefix   = "events.journal."
	maxJournalBytes = 64 << 20
)

// openJournal starts a new journal in dir and lists the earlier files;
// seq orders file names across runs.
func openJournal(dir string, seq int64) (*journal, error) {
	old, err := filepath.Glob(filepath.Join(dir, journalPrefix+"*"))
	if err != nil {
		return nil, fmt.Errorf("listing journals: %w", err)
	}
	sort.Strings(old)
	j := &journal{dir: dir, seq: seq, byEvent: map[string]*journalFile{}, old: old, max: maxJournalBytes}
	if err := j.rotate(); err != nil {
		return nil, err
	}
	return j, nil
}

// rotate starts a new current file; the previous one is removed when
// nothing in it is outstanding. The caller holds mu (or owns j).
func (j *journal) rotate() error {
	path := filepath.Join(j.dir, fmt.Sprintf("%s%020d", journalPrefix, j.seq))
	j.seq++
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("opening journal: %w", err)
	}
	prev := j.cur
	j.cur = &journalFile{path: path, f: f}
	if prev != nil && prev.outstanding == 0 {
		prev.remove()
	}
	return nil
}

// append writes the events, keyed by trigger instance id, in one write.
func (j *journal) append(ids []string, events []bus.Event) error {
	if j == nil || len(events) == 0 {
		return nil
	}
	lines := make([][]byte, len(events))
	for i, ev := range events {
		b, err := json.Marshal(ev)
		if err != nil {
			return fmt.Errorf("encoding event %s: %w", ev.ID, err)
		}
		lines[i] = b
	}
	return j.appendEncoded(ids, lines)
}

// appendEncoded is append for events already encoded, one per line.
func (j *journal) appendEncoded(ids []string, lines [][]byte) error {
	if j == nil || len(lines) == 0 {
		return nil
	}
	n := 0
	for _, l := range lines {
		n += len(l) + 1
	}
	buf := make([]byte, 0, n)
	for _, l := range lines {
		buf = append(append(buf, l...), '\n')
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if _, err := j.cur.f.Write(buf); err != nil {
		return fmt.Errorf("writing journal: %w", err)
	}
	for _, id := range ids {
		j.byEvent[id] = j.cur
	}
	j.cur.outstanding += len(ids)
	j.cur.size += int64(len(buf))
	if j.cur.size >= j.max {
		return j.rotate()
	}
	return nil
}

// done notes that the event of trigger instance id needs no recovery; a
// replaced file whose events are all done is removed.
func (j *journal) done(id string) {
	if j == nil {
		return
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	jf, ok := j.byEvent[id]
	if !ok {
		return
	}
	delete(j.byEvent, id)
	if jf.outstanding--; jf.outstanding == 0 && jf != j.cur {
		jf.remove()
	}
}

func (jf *journalFile) remove() {
	_ = jf.f.Close()
	_ = os.Remove(jf.path)
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

// dropRecovered removes the files of earlier runs once their events are
// all processed.
func (j *journal) dropRecovered() error {
	if j == nil {
		return nil
	}
	j.mu.Lock()
	old := j.old
	j.old = nil
	j.mu.Unlock()
	for _, p := range old {
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("removing journal %s: %w", p, err)
		}
	}
	return nil
}

// close closes the current file; it stays for the next start's recovery.
func (j *journal) close() {
	if j == nil {
		return
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	_ = j.cur.f.Close()
	for _, jf := range j.byEvent {
		if jf != j.cur {
			_ = jf.f.Close()
		}
	}
}
