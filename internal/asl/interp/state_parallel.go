package interp

import (
	"context"
	"sync"
)

// branchRun is one Parallel branch or Map iteration running on its own
// thread with a buffered recorder.
type branchRun struct {
	th      *thread
	output  any
	fail    *Failure
	skipped bool // never started: an earlier one had failed
}

// child returns a thread for a branch or iteration: its own recorder and a
// variable scope reading this thread's (or an empty one when isolated).
func (th *thread) child(isolated bool) *thread {
	parent := th.vars
	if isolated {
		parent = nil
	}
	return &thread{exec: th.exec, rec: newRecorder(th.exec.in.clock, th.rec.off),
		vars: newVarScope(parent), depth: th.depth + 1}
}

func (sr *stateRun) parallel(ctx context.Context) (stepResult, *Failure) {
	if sr.th.depth+1 >= sr.th.exec.in.maxDepth {
		return stepResult{}, fail(ErrRuntime, causeNestingDepthLimit, sr.th.exec.in.maxDepth)
	}
	input, f := sr.branchInput()
	if f != nil {
		return stepResult{}, f
	}
	started := sr.th.rec.add("ParallelStateStarted", nil)
	runs := make([]*branchRun, len(sr.n.branches))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	g := newGate(cancel)
	for i, p := range sr.n.branches {
		runs[i] = &branchRun{th: sr.th.child(false)}
		g.start()
		entered := g.onEntered()
		runs[i].th.onEntered = entered
		wg.Add(1)
		go func(b *branchRun) {
			defer wg.Done()
			b.output, b.fail = b.th.run(ctx, p, nil, input)
			entered()
			if b.fail != nil {
				g.fail()
			}
		}(runs[i])
	}
	wg.Wait()
	return sr.parallelResult(runs, firstFailed(runs), started)
}

// firstFailed returns the lowest index of a branch that failed on its own
// (not cancelled because another failed), or of any failed branch, or -1.
func firstFailed(runs []*branchRun) int {
	cancelled := -1
	for i, b := range runs {
		switch {
		case b.fail == nil:
		case !b.fail.cancelled:
			return i
		case cancelled < 0:
			cancelled = i
		}
	}
	return cancelled
}

// branchInput evaluates InputPath+Parameters or Arguments for Parallel.
func (sr *stateRun) branchInput() (any, *Failure) {
	return sr.taskParameters()
}

// parallelResult merges the branch histories (each branch's first event
// follows ParallelStateStarted, as branches start together) and builds the
// result array.
func (sr *stateRun) parallelResult(runs []*branchRun, failed int, started int64) (stepResult, *Failure) {
	out := make([]any, len(runs))
	for i, b := range runs {
		sr.th.rec.setCursor(started)
		sr.th.rec.merge(b.th.rec)
		out[i] = b.output
	}
	if failed >= 0 {
		sr.th.rec.add("ParallelStateFailed", nil)
		return stepResult{}, runs[failed].fail
	}
	sr.th.rec.addDetached("ParallelStateSucceeded", nil)
	if exceedsLimit(out) {
		return stepResult{}, dataLimit(sr.n.st.Name)
	}
	if sr.n.jsonata {
		return sr.finishJSONata(out, true, out)
	}
	return sr.finishJSONPath(out, true)
}
