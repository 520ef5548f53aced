package shell

import (
	"bytes"
	"sync"

	"github.com/stormless/stormless/internal/runner"
)

// maxLine is the longest line kept whole; longer ones are emitted in
// pieces.
const maxLine = 64 << 10

// OutputWriter keeps everything written to it and emits it line by line
// to a runner.Output. Writes come from one goroutine; the emits of the
// stdout and stderr writers of one pair are serialized.
type OutputWriter struct {
	stream  runner.Stream
	host    string
	all     bytes.Buffer
	partial []byte
	mu      *sync.Mutex
	emit    runner.Output
}

// OutputWriters returns the stdout and stderr writers of one command,
// whose lines carry host (empty for a local command). A nil emit only
// keeps the output.
func OutputWriters(emit runner.Output, host string) (stdout, stderr *OutputWriter) {
	mu := &sync.Mutex{}
	return &OutputWriter{stream: runner.Stdout, host: host, mu: mu, emit: emit},
		&OutputWriter{stream: runner.Stderr, host: host, mu: mu, emit: emit}
}

// Write implements io.Writer; it never fails.
func (w *OutputWriter) Write(p []byte) (int, error) {
	w.all.Write(p)
	w.partial = append(w.partial, p...)
	for {
		i := bytes.IndexByte(w.partial, '\n')
		if i < 0 && len(w.partial) < maxLine {
			return len(p), nil
		}
		n := i + 1
		if i < 0 {
			n = maxLine
		}
		w.send(string(w.partial[:n]))
		w.partial = w.partial[n:]
	}
}

// Flush emits a last line that had no newline.
func (w *OutputWriter) Flush() {
	if len(w.partial) > 0 {
		w.send(string(w.partial))
		w.partial = nil
	}
}

// String returns everything written.
func (w *OutputWriter) String() string { return w.all.String() }

func (w *OutputWriter) send(text string) {
	if w.emit == nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.emit(runner.Line{Stream: w.stream, Host: w.host, Text: text})
}
