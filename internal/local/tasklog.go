package local

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/stormless/stormless/internal/asl/interp"
)

// taskLog is a workflow execution's log in the data directory
// (workflows/<id>.jsonl): the interpreter checkpoint of each top-level
// state a task started in, then every task that started there and how it
// ended. After a restart the workflow resumes from the last checkpoint and
// the tasks logged after it are replayed from their records instead of
// running again. Lines are appended without fsync, as the event journal's
// are: they survive the process (kill -9), not the machine. A nil
// *taskLog (no data directory) logs nothing. Safe for concurrent use.
type taskLog struct {
	mu   sync.Mutex
	f    *os.File
	w    *bufio.Writer
	seal *sealer
	seq  int
}

// logLine is one line of a task log: a checkpoint, a task start or a task
// end.
type logLine struct {
	CP     *interp.Checkpoint `json:"cp,omitempty"`
	Start  int                `json:"start,omitempty"`
	End    int                `json:"end,omitempty"`
	Task   string             `json:"task,omitempty"`
	Action string             `json:"action,omitempty"`
	// Hash identifies the task's parameters as the workflow gave them,
	// telling apart the items of a with-items task.
	Hash   string `json:"hash,omitempty"`
	ID     string `json:"id,omitempty"`
	Status string `json:"status,omitempty"`
	// Pause is set when Pause (true) or Resume (false) acted on the
	// workflow.
	Pause *bool `json:"pause,omitempty"`
}

// taskLogPath is where workflow execution id's log lives.
func taskLogPath(dataDir, id string) string {
	return filepath.Join(dataDir, "workflows", id+".jsonl")
}

// openTaskLog opens (appending) the log of workflow execution id, its
// lines sealed with the data directory's key; nil without a data
// directory.
func (e *Engine) openTaskLog(id string) (*taskLog, error) {
	seal, err := e.sealer()
	if seal == nil || err != nil {
		return nil, err
	}
	p := taskLogPath(e.cfg.dataDir, id)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return nil, fmt.Errorf("creating workflow log directory: %w", err)
	}
	f, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening workflow log of %s: %w", id, err)
	}
	return &taskLog{f: f, w: bufio.NewWriter(f), seal: seal}, nil
}

// write appends one line and hands it to the operating system.
func (l *taskLog) write(line logLine) error {
	if l == nil {
		return nil
	}
	b, err := json.Marshal(line)
	if err != nil {
		return fmt.Errorf("encoding workflow log line: %w", err)
	}
	if l.seal != nil {
		b = l.seal.seal(b)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return errors.New("writing workflow log: closed")
	}
	_, _ = l.w.Write(b)
	_ = l.w.WriteByte('\n')
	if err := l.w.Flush(); err != nil {
		return fmt.Errorf("writing workflow log: %w", err)
	}
	return nil
}

// start logs a task call starting and returns its sequence number.
func (l *taskLog) start(c taskCall) (int, error) {
	if l == nil {
		return 0, nil
	}
	l.mu.Lock()
	l.seq++
	n := l.seq
	l.mu.Unlock()
	return n, l.write(logLine{Start: n, Task: c.task, Action: c.action, Hash: c.hash, ID: c.id})
}

// end logs how task n ended: the execution it recorded and its status.
func (l *taskLog) end(n int, id, status string) error {
	if l == nil || n == 0 {
		return nil
	}
	return l.write(logLine{End: n, ID: id, Status: status})
}

// close closes the file; later writes fail.
func (l *taskLog) close() {
	if l == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f != nil {
		_ = l.w.Flush()
		_ = l.f.Close()
		l.f = nil
	}
}

// logSegment is a checkpoint and the tasks logged after it.
type logSegment struct {
	cp    *interp.Checkpoint
	tasks []*loggedTask
}

// loggedTask is a task a log recorded: started, and ended when ended.
type loggedTask struct {
	task, action string
	hash         string
	id, status   string
	ended        bool
}

// loggedRun is a task log read back.
type loggedRun struct {
	segments []*logSegment
	// ids are the executions some task end names.
	ids map[string]bool
	// paused is whether the last of Pause and Resume was Pause.
	paused bool
}

// last returns the last segment, nil when the log holds no checkpoint.
func (r *loggedRun) last() *logSegment {
	if r == nil || len(r.segments) == 0 {
		return nil
	}
	return r.segments[len(r.segments)-1]
}

// readTaskLog reads workflow execution id's log; a missing log reads as
// nil. A torn last line (the process died writing it) is ignored.
func (e *Engine) readTaskLog(id string) (*loggedRun, error) {
	seal, err := e.sealer()
	if seal == nil || err != nil {
		return nil, err
	}
	f, err := os.Open(taskLogPath(e.cfg.dataDir, id))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("opening workflow log of %s: %w", id, err)
	}
	defer f.Close()
	run, err := parseTaskLog(f, seal)
	if err != nil {
		return nil, fmt.Errorf("reading workflow log of %s: %w", id, err)
	}
	return run, nil
}

// parseTaskLog reads a task log, its lines sealed by seal (nil: in the
// clear); lines that do not open or decode (a torn last line) are
// skipped.
func parseTaskLog(rd io.Reader, seal *sealer) (*loggedRun, error) {
	run := &loggedRun{ids: map[string]bool{}}
	started := map[int]*loggedTask{}
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 0, 64<<10), 64<<20)
	for sc.Scan() {
		line := sc.Bytes()
		if seal != nil {
			var err error
			if line, err = seal.open(line); err != nil {
				continue
			}
		}
		var l logLine
		if json.Unmarshal(line, &l) != nil {
			continue
		}
		run.add(l, started)
	}
	return run, sc.Err()
}

// add applies one line.
func (r *loggedRun) add(l logLine, started map[int]*loggedTask) {
	switch {
	case l.Pause != nil:
		r.paused = *l.Pause
	case l.CP != nil:
		r.segments = append(r.segments, &logSegment{cp: l.CP})
	case l.Start > 0:
		t := &loggedTask{task: l.Task, action: l.Action, hash: l.Hash, id: l.ID}
		started[l.Start] = t
		if l.ID != "" {
			r.ids[l.ID] = true
		}
		if s := r.last(); s != nil {
			s.tasks = append(s.tasks, t)
		}
	case l.End > 0:
		if t := started[l.End]; t != nil {
			t.status, t.ended = l.Status, true
			if l.ID != "" {
				t.id = l.ID
			}
		}
		if l.ID != "" {
			r.ids[l.ID] = true
		}
	}
}

// pause logs that Pause (true) or Resume (false) acted on the workflow.
func (l *taskLog) pause(on bool) error { return l.write(logLine{Pause: &on}) }
