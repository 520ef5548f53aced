package interp

import (
	"context"
	"sync"
)

// branchRun is one Parallel branch or Map iteration running on its own
// thread with a buffered recorder.
type branchRun struct {
	th     *thread
	output any
	fail   *Failure
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
	sr.th.rec.add("ParallelStateStarted", nil)
	runs := make([]*branchRun, len(sr.n.branches))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	first := newFirstFailure(cancel)
	for i, p := range sr.n.branches {
		runs[i] = &branchRun{th: sr.th.child(false)}
		wg.Add(1)
		go func(i int, b *branchRun) {
			defer wg.Done()
			b.output, b.fail = b.th.run(ctx, p, nil, input)
			if b.fail != nil {
				first.record(i)
			}
		}(i, runs[i])
	}
	wg.Wait()
	return sr.parallelResult(runs, first.index())
}

// firstFailure remembers which concurrent branch failed first and cancels
// the others.
type firstFailure struct {
	once   sync.Once
	idx    int
	cancel context.CancelFunc
}

func newFirstFailure(cancel context.CancelFunc) *firstFailure {
	return &firstFailure{idx: -1, cancel: cancel}
}

func (f *firstFailure) record(i int) {
	f.once.Do(func() {
		f.idx = i
		f.cancel()
	})
}

func (f *firstFailure) index() int {
	done := false
	f.once.Do(func() { done = true })
	if done {
		return -1
	}
	return f.idx
}

// branchInput evaluates InputPath+Parameters or Arguments for Parallel.
func (sr *stateRun) branchInput() (any, *Failure) {
	return sr.taskParameters()
}

func (sr *stateRun) parallelResult(runs []*branchRun, failed int) (stepResult, *Failure) {
	out := make([]any, len(runs))
	for i, b := range runs {
		sr.th.rec.merge(b.th.rec)
		out[i] = b.output
	}
	if failed >= 0 {
		sr.th.rec.add("ParallelStateFailed", nil)
		return stepResult{}, runs[failed].fail
	}
	sr.th.rec.addDetached("ParallelStateSucceeded", nil)
	if exceedsLimit(out) {
		return stepResult{}, fail(ErrDataLimitExceeded, "The state/task 'Parallel' returned a result with a size exceeding the maximum number of bytes service limit.")
	}
	if sr.n.jsonata {
		return sr.finishJSONata(out, true, out)
	}
	return sr.finishJSONPath(out, true)
}
