package command

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/sensor"
	"github.com/stormless/stormless/internal/timer"
)

var _ sensor.Sensor = (*Sensor)(nil)

// DefaultPollInterval is used when the sensor declares none (StackStorm's
// PollingSensor default).
const DefaultPollInterval = 5 * time.Second

// Sensor is one command sensor. Run may be called again after it returns;
// a Sensor is not meant for concurrent Runs.
type Sensor struct {
	ref, path, pack, packDir string
	types                    []string // declared trigger type refs
	interval, timeout        time.Duration
	clock                    timer.Clock
	maxOutput                int
}

// New returns the command sensor of s, a sensor loaded from a pack. It
// fails when s has no entry point, declares no trigger type, or the entry
// point is not an executable file.
func New(s *pack.Sensor, packDir string, opts ...Option) (*Sensor, error) {
	if s.EntryPath == "" || len(s.TriggerTypes) == 0 {
		return nil, fmt.Errorf("creating command sensor %s: want an entry point and at least one trigger type", s.Ref)
	}
	path, err := filepath.Abs(s.EntryPath)
	if err != nil {
		return nil, fmt.Errorf("creating command sensor %s: %w", s.Ref, err)
	}
	if err := executable(path); err != nil {
		return nil, fmt.Errorf("creating command sensor %s: %w", s.Ref, err)
	}
	c := &Sensor{ref: s.Ref, path: path, pack: s.Pack, packDir: packDir, types: s.TriggerTypes,
		interval: DefaultPollInterval, clock: timer.SystemClock(), maxOutput: 16 << 20}
	if s.PollInterval > 0 {
		c.interval = time.Duration(s.PollInterval) * time.Second
	}
	for _, o := range opts {
		o(c)
	}
	if c.timeout <= 0 {
		c.timeout = max(c.interval, 30*time.Second)
	}
	return c, nil
}

func executable(path string) error {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return fmt.Errorf("reading entry point: %w", err)
	case fi.IsDir():
		return fmt.Errorf("entry point %s is a directory", path)
	case fi.Mode().Perm()&0o111 == 0:
		return fmt.Errorf("entry point %s is not executable: chmod +x it and give it a #! line", filepath.Base(path))
	}
	return nil
}

// Run polls until ctx is done (returning nil) or a run of the command
// fails (returning its error).
func (c *Sensor) Run(ctx context.Context, out sensor.Output) error {
	for {
		if err := c.poll(ctx, out); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		t := c.clock.NewTimer(c.interval)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C():
		}
	}
}

// poll runs the command once and dispatches what it printed.
func (c *Sensor) poll(ctx context.Context, out sensor.Output) error {
	stdout, err := c.run(ctx)
	if err != nil {
		return err
	}
	objs, problems := parseOutput(stdout)
	for _, p := range problems {
		out.Report(fmt.Errorf("reading output of sensor %s: %w", c.ref, p))
	}
	for i, o := range objs {
		if err := c.dispatch(ctx, out, o); err != nil {
			if errors.Is(err, context.Canceled) {
				return err
			}
			out.Report(fmt.Errorf("dispatching object %d of sensor %s: %w", i+1, c.ref, err))
		}
	}
	return nil
}
