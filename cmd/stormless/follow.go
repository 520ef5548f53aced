package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/stormless/stormless/internal/client"
	"github.com/stormless/stormless/internal/execution"
)

// followInterval is how often a followed execution's record and output are
// read; the event stream wakes the follower sooner on a status change.
const followInterval = 200 * time.Millisecond

// workflowRunners are the runners whose executions have task executions.
var workflowRunners = map[string]bool{"orquesta": true, "action-chain": true, "mistral-v2": true}

// follower follows one execution until it ends: it writes what the action
// prints to out as it arrives and each status change (of the execution and,
// for a workflow, of its tasks) to progress.
type follower struct {
	c        *client.Client
	id       string
	out      io.Writer
	progress io.Writer

	printed int                         // bytes of output written so far
	seen    map[string]execution.Status // last status reported, by id
	depth   map[string]int              // task depth below the followed execution
}

// follow follows execution id until it ends or ctx is done, and returns its
// last record.
func follow(ctx context.Context, c *client.Client, id string, out, progress io.Writer) (execution.Execution, error) {
	f := &follower{c: c, id: id, out: out, progress: progress,
		seen: map[string]execution.Status{}, depth: map[string]int{id: 0}}
	streamCtx, stop := context.WithCancel(ctx)
	defer stop()
	wake := f.listen(streamCtx)
	tick := time.NewTicker(followInterval)
	defer tick.Stop()
	for {
		e, err := f.step(ctx)
		if err != nil || e.Status.Final() {
			return e, err
		}
		select {
		case <-ctx.Done():
			return e, ctx.Err()
		case <-tick.C:
		case <-wake:
		}
	}
}

// listen opens the event stream and returns a channel that receives when an
// execution changes; nil (polling only) when the stream cannot be opened.
// The stream closes when ctx is done.
func (f *follower) listen(ctx context.Context) <-chan struct{} {
	ctx, cancel := context.WithCancel(ctx)
	st, err := f.c.Stream(ctx, client.EventExecutionCreate, client.EventExecutionUpdate)
	if err != nil {
		cancel()
		return nil
	}
	wake := make(chan struct{}, 1)
	go func() {
		defer cancel()
		defer st.Close()
		for {
			if _, err := st.Next(); err != nil {
				return
			}
			select {
			case wake <- struct{}{}:
			default:
			}
		}
	}()
	context.AfterFunc(ctx, func() { st.Close() })
	return wake
}

// step reads the execution, its tasks and its new output once, reporting
// what changed. Output is read after the record, so that once the record
// is final the output written is complete.
func (f *follower) step(ctx context.Context) (execution.Execution, error) {
	e, err := f.c.Execution(ctx, f.id)
	if err != nil {
		return e, err
	}
	f.report(e)
	if workflowRunners[e.Runner.Name] || workflowRunners[e.Action.RunnerType] {
		children, err := f.c.Children(ctx, f.id, -1)
		if err != nil {
			return e, err
		}
		for _, ch := range children {
			f.report(ch)
		}
	}
	return e, f.printOutput(ctx)
}

// report writes e's status when it changed since last seen.
func (f *follower) report(e execution.Execution) {
	if f.seen[e.ID] == e.Status {
		return
	}
	f.seen[e.ID] = e.Status
	if e.ID == f.id {
		fmt.Fprintf(f.progress, "execution %s (%s): %s\n", e.ID, e.Action.Ref, e.Status)
		return
	}
	d, ok := f.depth[e.ID]
	if !ok {
		d = f.depth[e.Parent] + 1
		f.depth[e.ID] = d
	}
	fmt.Fprintf(f.progress, "%stask %s (%s): %s\n", strings.Repeat("  ", d), e.Action.Ref, e.ID, e.Status)
	if e.Status == execution.StatusPending && (e.Runner.Name == "inquirer" || e.Action.RunnerType == "inquirer") {
		fmt.Fprintf(f.progress, "%s  waiting for an answer: stormless inquiry get %s; stormless inquiry respond %s NAME=VALUE...\n",
			strings.Repeat("  ", d), e.ID, e.ID)
	}
}

// printOutput writes the output the execution printed since the last call.
func (f *follower) printOutput(ctx context.Context) error {
	out, err := f.c.Output(ctx, f.id, "")
	if err != nil {
		if client.IsNotFound(err) {
			return nil // not recorded yet
		}
		return err
	}
	if len(out) > f.printed {
		if _, err := io.WriteString(f.out, out[f.printed:]); err != nil {
			return fmt.Errorf("writing output: %w", err)
		}
		f.printed = len(out)
	}
	return nil
}

// interrupted is the error of a follow that ctx ended: the execution goes on
// on the server.
func interrupted(err error, id string) error {
	if errors.Is(err, context.Canceled) {
		return exitWith(130, fmt.Sprintf("stopped following; execution %s goes on (stormless execution tail %s follows it, stormless execution cancel %s stops it)", id, id, id))
	}
	return serverError(err)
}
