package command

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// stderrTail is how much of stderr a failure quotes.
const stderrTail = 2048

// run executes the command once and returns its stdout.
func (c *Sensor) run(ctx context.Context) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.path)
	cmd.Dir = filepath.Dir(c.path)
	cmd.Env = append(os.Environ(), "STORMLESS_SENSOR="+c.ref, "STORMLESS_PACK="+c.pack, "STORMLESS_PACK_DIR="+c.packDir)
	cmd.WaitDelay = time.Second
	stdout := &limitedBuffer{max: c.maxOutput}
	stderr := &limitedBuffer{max: 64 << 10}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	err := cmd.Run()
	switch {
	case ctx.Err() == context.DeadlineExceeded:
		return nil, fmt.Errorf("running sensor %s: timed out after %v%s", c.ref, c.timeout, quote(stderr))
	case err != nil:
		return nil, fmt.Errorf("running sensor %s: %w%s", c.ref, err, quote(stderr))
	case stdout.overflow:
		return nil, fmt.Errorf("running sensor %s: %w", c.ref, errTooMuchOutput)
	}
	return stdout.Bytes(), nil
}

var errTooMuchOutput = errors.New("output exceeds the limit")

// quote returns ": stderr: <tail>" or "".
func quote(b *limitedBuffer) string {
	s := strings.TrimSpace(b.String())
	if s == "" {
		return ""
	}
	if len(s) > stderrTail {
		s = "..." + s[len(s)-stderrTail:]
	}
	return ": stderr: " + s
}

// limitedBuffer keeps the first max bytes written.
type limitedBuffer struct {
	bytes.Buffer
	max      int
	overflow bool
}

// Write keeps what fits and reports all of p written, so that the command
// is not killed by a broken pipe; overflow records the loss.
func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.Len(); len(p) > room {
		b.overflow = true
		b.Buffer.Write(p[:max(room, 0)])
		return len(p), nil
	}
	return b.Buffer.Write(p)
}
