package filewatch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/sensor"
)

// maxLine bounds a line waiting for its newline; longer ones are
// dispatched in pieces.
const maxLine = 1 << 20

// tail follows one path.
type tail struct {
	path     string
	triggers []bus.Trigger
	f        *os.File
	info     os.FileInfo // of f
	offset   int64
	partial  []byte
}

// skipExisting starts after the current end of the file, if it exists.
func (t *tail) skipExisting() {
	if fi, err := os.Stat(t.path); err == nil && fi.Mode().IsRegular() {
		t.offset = fi.Size()
		t.info = fi
	}
}

// poll reads what was appended since the last poll, following rotation
// and truncation.
func (t *tail) poll(ctx context.Context, out sensor.Output) {
	fi, err := os.Stat(t.path)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			out.Report(fmt.Errorf("watching %s: %w", t.path, err))
		}
		t.drainRotated(ctx, out) // moved away: finish the old file
		return
	}
	if t.info != nil && !os.SameFile(t.info, fi) {
		t.drainRotated(ctx, out)
	}
	if err := t.open(fi); err != nil {
		out.Report(fmt.Errorf("watching %s: %w", t.path, err))
		return
	}
	if fi.Size() < t.offset {
		t.offset, t.partial = 0, nil // truncated
	}
	t.read(ctx, out)
}

// open makes sure f is the file at path; a new file is read from its
// start unless skipExisting positioned it.
func (t *tail) open(fi os.FileInfo) error {
	if t.f != nil {
		return nil
	}
	f, err := os.Open(t.path)
	if err != nil {
		return fmt.Errorf("opening: %w", err)
	}
	ofi, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("reading file info: %w", err)
	}
	if t.info == nil || !os.SameFile(t.info, ofi) {
		t.offset, t.partial = 0, nil
	}
	t.f, t.info = f, ofi
	return nil
}

// drainRotated reads the rest of the old file, then lets go of it.
func (t *tail) drainRotated(ctx context.Context, out sensor.Output) {
	if t.f == nil {
		t.info = nil
		return
	}
	t.read(ctx, out)
	t.flushPartial(ctx, out)
	t.close()
	t.info, t.offset = nil, 0
}

// read dispatches the complete lines between offset and the end of f.
func (t *tail) read(ctx context.Context, out sensor.Output) {
	buf := make([]byte, 64<<10)
	for {
		n, err := t.f.ReadAt(buf, t.offset)
		t.offset += int64(n)
		t.consume(ctx, out, buf[:n])
		if err != nil {
			if !errors.Is(err, io.EOF) {
				out.Report(fmt.Errorf("reading %s: %w", t.path, err))
			}
			return
		}
	}
}

// consume splits data into lines, keeping an unfinished one.
func (t *tail) consume(ctx context.Context, out sensor.Output, data []byte) {
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			t.partial = append(t.partial, data...)
			if len(t.partial) >= maxLine {
				t.flushPartial(ctx, out)
			}
			return
		}
		line := append(t.partial, data[:i]...)
		t.partial, data = nil, data[i+1:]
		t.emit(ctx, out, line)
	}
}

func (t *tail) flushPartial(ctx context.Context, out sensor.Output) {
	if len(t.partial) > 0 {
		t.emit(ctx, out, t.partial)
		t.partial = nil
	}
}

// emit dispatches one line for every trigger watching the file.
func (t *tail) emit(ctx context.Context, out sensor.Output, line []byte) {
	line = bytes.TrimSuffix(line, []byte("\r"))
	payload := map[string]any{"file_path": t.path, "file_name": filepath.Base(t.path), "line": string(line)}
	for _, tr := range t.triggers {
		if err := out.Dispatch(ctx, tr, payload); err != nil {
			out.Report(fmt.Errorf("dispatching a line of %s: %w", t.path, err))
		}
	}
}

func (t *tail) close() {
	if t.f != nil {
		t.f.Close()
		t.f = nil
	}
}
