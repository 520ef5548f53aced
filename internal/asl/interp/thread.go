package interp

import (
	"context"
	"sync"

	"github.com/stormless/stormless/internal/asl"
)

// thread runs the states of one program: the top level, a Parallel branch
// or a Map iteration. A thread is used by one goroutine.
type thread struct {
	exec    *Execution
	rec     *recorder
	vars    *varScope
	depth   int
	top     bool
	mapItem *mapItem // the item of the Map iteration this thread runs, if any
	// onEntered, if set, is called once the thread's first state is entered.
	onEntered func()
}

// mapItem is $$.Map.Item.
type mapItem struct {
	index int
	value any
}

// stepResult is what running one state produced.
type stepResult struct {
	output   any
	next     *node
	assigned map[string]any
}

// run executes states from n until one ends the program or fails.
func (th *thread) run(ctx context.Context, p *program, n *node, input any) (any, *Failure) {
	if n == nil {
		n = p.start
	}
	for {
		if th.top {
			th.exec.setPosition(n.st.Name, input)
		}
		if f := th.exec.tick(ctx); f != nil {
			return nil, f
		}
		res, f := th.step(ctx, n, input)
		if f != nil {
			return nil, f
		}
		if res.next == nil {
			return res.output, nil
		}
		if th.top && th.exec.test != nil {
			th.exec.test.next = res.next.st.Name
			return res.output, nil
		}
		input, n = res.output, res.next
	}
}

// step runs one state: entered event, the state's work, exited event.
func (th *thread) step(ctx context.Context, n *node, input any) (stepResult, *Failure) {
	entered := th.rec.stateEvent(n.enteredType, compactEntered, n.st.Name, input, nil)
	if th.onEntered != nil {
		th.onEntered()
		th.onEntered = nil
	}
	sr := stateRuns.Get().(*stateRun)
	*sr = stateRun{th: th, n: n, raw: input, entered: entered}
	sr.envv = evalEnv{input: input, th: th, st: n, states: statesVar{input: input}}
	sr.env = &sr.envv
	res, f := sr.execute(ctx)
	*sr = stateRun{}
	stateRuns.Put(sr)
	if f != nil {
		return res, th.locate(n, entered, f)
	}
	if n.st.Type == asl.TypeFail {
		return res, nil
	}
	if exceedsLimit(res.output) {
		return res, dataLimit(n.st.Name)
	}
	th.vars.assign(res.assigned)
	th.recordExit(n, res)
	return res, nil
}

func (th *thread) recordExit(n *node, res stepResult) {
	th.rec.stateEvent(n.exitedType, compactExited, n.st.Name, res.output, res.assigned)
}

// locate prefixes runtime failures with the state and entered event, as
// Step Functions words them.
func (th *thread) locate(n *node, entered int64, f *Failure) *Failure {
	if !f.runtime {
		return f
	}
	c := *f
	c.runtime = false
	if c.Pointer == "" {
		c.Pointer = n.st.Pointer
	}
	if th.top && th.exec.test != nil {
		return &c // TestState reports the cause alone
	}
	c.Cause = "An error occurred while executing the state '" + n.st.Name + "' (entered at the event id #" +
		itoa(int(th.rec.base+entered)) + "). " + f.Cause
	return &c
}

// stateRuns recycles stateRun values: nothing refers to one after its
// state has run (branches and iterations finish before their state does).
var stateRuns = sync.Pool{New: func() any { return new(stateRun) }}

// stateRun carries one state's evaluation.
type stateRun struct {
	th      *thread
	n       *node
	env     *evalEnv // points at envv
	envv    evalEnv
	raw     any // the state's raw input
	entered int64
}

func (sr *stateRun) execute(ctx context.Context) (stepResult, *Failure) {
	switch sr.n.st.Type {
	case asl.TypePass:
		return sr.pass()
	case asl.TypeChoice:
		return sr.choice()
	case asl.TypeWait:
		return sr.wait(ctx)
	case asl.TypeSucceed:
		return sr.succeed()
	case asl.TypeFail:
		return stepResult{}, sr.failState()
	}
	return sr.withErrorHandling(ctx)
}
