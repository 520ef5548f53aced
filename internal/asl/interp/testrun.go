package interp

import (
	"fmt"
	"math"

	"github.com/stormless/stormless/internal/asl"
)

// testRun is the TestState side of an execution: the tested state, its
// mock, what it inspected and how it ended. Only the top-level thread
// touches it, running the tested state, so it needs no lock.
type testRun struct {
	state     string
	opts      TestStateOptions
	data      map[string]any // inspection data, nil at INFO
	next      string
	caught    *Failure
	retriable bool
}

func newTestRun(state string, opts TestStateOptions) *testRun {
	tr := &testRun{state: state, opts: opts}
	if opts.InspectionLevel == InspectDEBUG || opts.InspectionLevel == InspectTRACE {
		tr.data = map[string]any{}
	}
	return tr
}

// withTestRun makes an execution run its first state only, as TestState.
func withTestRun(tr *testRun) StartOption {
	return func(e *Execution) {
		e.test = tr
		e.vars.assign(tr.opts.Variables)
	}
}

// testExecutionARN is the execution ARN TestState shows in the context
// object: an Express execution of the wrapping machine.
func testExecutionARN(in *Interpreter, machine, name string) string {
	return fmt.Sprintf("arn:aws:states:%s:%s:express:%s:%s", in.region, in.account, machine, name)
}

// note records one inspection field.
func (tr *testRun) note(key string, v any) {
	if tr != nil && tr.data != nil {
		tr.data[key] = v
	}
}

// tested returns the test run when sr runs the tested state.
func (sr *stateRun) tested() *testRun {
	tr := sr.th.exec.test
	if tr == nil || !sr.th.top || sr.n.st.Name != tr.state {
		return nil
	}
	return tr
}

// note records one inspection field of the tested state.
func (sr *stateRun) note(key string, v any) { sr.tested().note(key, v) }

// testMock returns the tested state's mock, if any.
func (sr *stateRun) testMock() *TestStateMock {
	if tr := sr.tested(); tr != nil {
		return tr.opts.Mock
	}
	return nil
}

// value is the mock as a handler's return.
func (m *TestStateMock) value() (any, error) {
	if m.Error != "" {
		return nil, &Failure{Name: m.Error, Cause: m.Cause}
	}
	return m.Result, nil
}

// testRetry reports whether the tested state would retry f: a matching
// retrier with attempts left after opts.RetrierRetryCount. It records the
// retrier's index and back-off as errorDetails (only the index when the
// retrier is exhausted).
func (sr *stateRun) testRetry(tr *testRun, f *Failure) bool {
	for i, r := range sr.n.retry {
		if !matches(r.ErrorEquals, f.Name, true) {
			continue
		}
		count := tr.opts.RetrierRetryCount
		if count >= r.MaxAttempts {
			tr.note("errorDetails", map[string]any{"retryIndex": float64(i)})
			return false
		}
		secs := r.IntervalSeconds * math.Pow(r.BackoffRate, float64(count))
		if r.MaxDelaySeconds > 0 && secs > r.MaxDelaySeconds {
			secs = r.MaxDelaySeconds
		}
		tr.retriable = true
		tr.note("errorDetails", map[string]any{"retryIndex": float64(i), "retryBackoffIntervalSeconds": secs})
		return true
	}
	return false
}

// mockedBody finishes a Parallel or Map state from a mocked result.
func (sr *stateRun) mockedBody(m *TestStateMock) (stepResult, *Failure) {
	if sr.n.st.Type == asl.TypeMap {
		if f := sr.mockedMap(m); f != nil {
			return stepResult{}, f
		}
	}
	v, err := m.value()
	if err != nil {
		return stepResult{}, asFailure(err, ErrTaskFailed)
	}
	if sr.n.jsonata {
		return sr.finishJSONata(v, true, v)
	}
	return sr.finishJSONPath(v, true)
}

// mockedMap evaluates a Map state's items and knobs for the inspection
// data and applies opts.MapIterationFailureCount to its tolerance.
func (sr *stateRun) mockedMap(m *TestStateMock) *Failure {
	mr := &mapRun{sr: sr, tolCount: -1, tolPct: -1}
	if f := mr.prepare(); f != nil {
		return f
	}
	sr.note("maxConcurrency", float64(mr.concurrency))
	if mr.tolCount >= 0 {
		sr.note("toleratedFailureCount", float64(mr.tolCount))
	}
	if mr.tolPct >= 0 {
		sr.note("toleratedFailurePercentage", mr.tolPct)
	}
	if !sr.n.jsonata {
		sr.note("afterItemsPath", mr.items)
	}
	runs := make([]*branchRun, len(mr.items))
	for i := range runs {
		runs[i] = &branchRun{}
		if i < sr.tested().opts.MapIterationFailureCount {
			runs[i].fail = &Failure{Name: ErrTaskFailed}
		}
	}
	if m.Error == "" && (mr.tolCount >= 0 || mr.tolPct >= 0) && !mr.tolerated(runs) {
		return mr.failure(runs)
	}
	return nil
}

// result turns the execution's result into TestState's.
func (tr *testRun) result(res *Result, input any) *TestStateResult {
	out := &TestStateResult{Status: TestStatusSucceeded, InspectionData: tr.data}
	if tr.data != nil {
		tr.data["input"] = input
		if len(tr.opts.Variables) > 0 {
			tr.data["variables"] = tr.opts.Variables
		}
	}
	switch {
	case tr.retriable:
		out.Status, out.Error, out.Cause = TestStatusRetriable, res.Error, res.Cause
	case res.Status != StatusSucceeded:
		out.Status, out.Error, out.Cause = TestStatusFailed, res.Error, res.Cause
	case tr.caught != nil:
		out.Status, out.Error, out.Cause = TestStatusCaughtError, tr.caught.Name, tr.caught.Cause
		out.Output, out.HasOutput, out.NextState = res.Output, true, tr.next
	default:
		out.Output, out.HasOutput, out.NextState = res.Output, true, tr.next
	}
	return out
}
