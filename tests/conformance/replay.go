package conformance

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/stormless/stormless/internal/asl/interp"
)

// replayTimeout bounds, in real time, one replayed execution.
const replayTimeout = 10 * time.Second

// epoch is where the virtual clock of every replay starts.
var epoch = time.Date(2024, 9, 11, 12, 0, 0, 0, time.UTC)

// replayed is the outcome of replaying one history with one template.
type replayed struct {
	Template   string
	Mismatches []mismatch
	// Got is the replayed history, for the verbose diff.
	Got *history
	// Unknowable names a Task state in a distributed Map whose service
	// responses the recording cannot hold.
	Unknowable string
	// Want and Ended are how the recorded and the replayed executions
	// ended.
	Want, Ended outcome
}

// ok reports whether the replay agrees with the recording.
func (r *replayed) ok() bool { return len(r.Mismatches) == 0 }

// reason is the earliest difference, on one line.
func (r *replayed) reason() string {
	if r.ok() {
		return ""
	}
	first := r.Mismatches[0].Reason
	if r.Want.Status == "" || r.Ended.Status == "" || strings.HasPrefix(first, "execution") {
		return first
	}
	if r.Want.Status != r.Ended.Status || match(r.Want.Error, r.Ended.Error) != "" {
		return fmt.Sprintf("%s [AWS: %s; got: %s]", first, r.Want.summary(), r.Ended.summary())
	}
	return first
}

// replay runs tpl with the recorded input and services of want and compares
// the run with the recording. The error is for failures of the harness.
func replay(ctx context.Context, tpl *template, want *history) (*replayed, error) {
	var opts []interp.Option
	if tpl.Objects != nil {
		dir, err := os.MkdirTemp("", "conformance-s3-")
		if err != nil {
			return nil, fmt.Errorf("creating S3 stand-in: %w", err)
		}
		defer os.RemoveAll(dir)
		if err := writeObjects(dir, tpl.Objects); err != nil {
			return nil, err
		}
		opts = append(opts, interp.WithDataDir(dir))
	}
	in, clock, err := newInterpreter(opts...)
	if err != nil {
		return nil, err
	}
	calls := want.calls()
	svc := newRecordedService(calls, in, clock)
	for _, res := range tpl.Resources {
		in.Registry().Handle(res, svc)
	}
	r := &replayed{Template: tpl.File}
	def, err := tpl.JSON()
	if err != nil {
		return nil, err
	}
	m, err := in.Load("conformance", def)
	if err != nil {
		r.Mismatches = []mismatch{{Reason: fmt.Sprintf("definition %s rejected, AWS ran it: %v", tpl.File, oneLine(err))}}
		return r, nil
	}
	if err := r.run(ctx, in, m, want, svc); err != nil {
		return nil, err
	}
	for _, state := range svc.unanswered() {
		if tpl.Distributed[state] && len(calls[state]) == 0 {
			r.Unknowable = state
		}
	}
	return r, nil
}

// run executes m and records the mismatches.
func (r *replayed) run(ctx context.Context, in *interp.Interpreter, m *interp.Machine, want *history, svc *recordedService) error {
	ctx, cancel := context.WithTimeout(ctx, replayTimeout)
	defer cancel()
	res, exec, err := in.Run(ctx, m, want.input(), interp.WithName("conformance-execution"))
	if err != nil {
		r.Mismatches = []mismatch{{Reason: "execution did not finish: " + oneLine(err)}}
		return nil
	}
	got, err := replayedHistory(exec)
	if err != nil {
		return err
	}
	r.Got, r.Want, r.Ended = got, want.outcome(), resultOutcome(res)
	r.Mismatches = append(compareStates(want, got), compareOutcome(r.Want, r.Ended, len(want.Events))...)
	for _, state := range svc.unanswered() {
		r.Mismatches = append(r.Mismatches, mismatch{At: want.firstEntered(state), Reason: fmt.Sprintf("state %s: called its service more often than AWS did", state)})
	}
	for state, d := range svc.parameterDiffs() {
		r.Mismatches = append(r.Mismatches, mismatch{At: want.firstEntered(state), Reason: fmt.Sprintf("state %s: task parameters %s", state, d)})
	}
	sort.SliceStable(r.Mismatches, func(i, j int) bool { return r.Mismatches[i].At < r.Mismatches[j].At })
	return nil
}

// newInterpreter returns a deterministic interpreter: a virtual clock,
// sequential UUIDs and seeded random numbers, the account the recordings
// show.
func newInterpreter(extra ...interp.Option) (*interp.Interpreter, *interp.VirtualClock, error) {
	clock := interp.NewVirtualClock(epoch)
	random := rand.New(rand.NewPCG(1, 2)).Float64
	opts := append([]interp.Option{interp.WithClock(clock), interp.WithAccount("us-east-1", "111111111111"),
		interp.WithRandom(sequentialUUIDs(), random)}, extra...)
	in, err := interp.New(opts...)
	if err != nil {
		return nil, nil, fmt.Errorf("creating interpreter: %w", err)
	}
	return in, clock, nil
}

// replayedHistory reads the replay's history the way recorded ones are read.
func replayedHistory(exec *interp.Execution) (*history, error) {
	b, err := json.Marshal(exec.History())
	if err != nil {
		return nil, fmt.Errorf("encoding replayed history: %w", err)
	}
	var raw []any
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("decoding replayed history: %w", err)
	}
	return parseHistory("replay", raw)
}

func resultOutcome(res *interp.Result) outcome {
	o := outcome{Status: string(res.Status), Output: res.Output}
	if res.Status != interp.StatusSucceeded {
		o.Error, o.Cause = res.Error, res.Cause
	}
	return o
}

// sequentialUUIDs returns a deterministic UUID source.
func sequentialUUIDs() func() string {
	var n atomic.Uint64
	return func() string {
		return fmt.Sprintf("00000000-0000-4000-8000-%012x", n.Add(1))
	}
}

// oneLine shortens an error to its first 300 bytes on one line.
func oneLine(err error) string {
	s := []rune(err.Error())
	for i, r := range s {
		if r == '\n' || r == '\t' {
			s[i] = ' '
		}
	}
	if len(s) > 300 {
		return string(s[:297]) + "..."
	}
	return string(s)
}
