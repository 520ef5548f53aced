package interp

import (
	"context"
	"math"
	"time"

	"github.com/stormless/stormless/internal/asl"
)

// withErrorHandling runs a Task, Parallel or Map body with its Retry and
// Catch fields.
func (sr *stateRun) withErrorHandling(ctx context.Context) (stepResult, *Failure) {
	attempts := make([]int, len(sr.n.retry))
	for retryCount := 0; ; retryCount++ {
		sr.env.retryCount = retryCount
		sr.env.ctxObj = nil
		res, f := sr.body(ctx)
		if f == nil {
			return res, nil
		}
		if ctx.Err() != nil {
			return stepResult{}, ctxFailure(ctx)
		}
		f = sr.th.locate(sr.n, sr.entered, f)
		if tr := sr.tested(); tr != nil {
			if sr.testRetry(tr, f) {
				return stepResult{}, f
			}
			return sr.catch(f)
		}
		if d, ok := sr.retryDelay(f, attempts); ok {
			if err := sr.th.exec.in.clock.Sleep(ctx, d); err != nil {
				return stepResult{}, ctxFailure(ctx)
			}
			continue
		}
		return sr.catch(f)
	}
}

func (sr *stateRun) body(ctx context.Context) (stepResult, *Failure) {
	if m := sr.testMock(); m != nil && sr.n.st.Type != asl.TypeTask {
		return sr.mockedBody(m)
	}
	switch sr.n.st.Type {
	case asl.TypeParallel:
		return sr.parallel(ctx)
	case asl.TypeMap:
		return sr.mapState(ctx)
	}
	return sr.task(ctx)
}

// retryDelay finds the first retrier matching f and, if it has attempts
// left, counts one and returns the back-off delay.
func (sr *stateRun) retryDelay(f *Failure, attempts []int) (time.Duration, bool) {
	task := sr.n.st.Type == asl.TypeTask
	for i, r := range sr.n.retry {
		if !matches(r.ErrorEquals, f.Name, task) {
			continue
		}
		if attempts[i] >= r.MaxAttempts {
			return 0, false
		}
		secs := r.IntervalSeconds * math.Pow(r.BackoffRate, float64(attempts[i]))
		if r.MaxDelaySeconds > 0 && secs > r.MaxDelaySeconds {
			secs = r.MaxDelaySeconds
		}
		if r.JitterStrategy == "FULL" {
			secs *= sr.th.exec.in.random()
		}
		attempts[i]++
		return time.Duration(secs * float64(time.Second)), true
	}
	return 0, false
}

// catch applies the first matching catcher, or returns f.
func (sr *stateRun) catch(f *Failure) (stepResult, *Failure) {
	task := sr.n.st.Type == asl.TypeTask
	for i, c := range sr.n.catch {
		if !matches(c.c.ErrorEquals, f.Name, task) {
			continue
		}
		if tr := sr.tested(); tr != nil {
			tr.caught = f
			tr.note("errorDetails", map[string]any{"catchIndex": float64(i)})
		}
		errOut := errorOutput(f)
		if sr.n.jsonata {
			return sr.catchJSONata(c, errOut)
		}
		assigned, fl := sr.assign(c.assign, sr.env.with(errOut))
		if fl != nil {
			return stepResult{}, fl
		}
		out, fl := sr.applyResultPath(c.resultPath, false, errOut)
		if fl != nil {
			return stepResult{}, fl
		}
		return stepResult{output: out, next: c.next, assigned: assigned}, nil
	}
	return stepResult{}, f
}

func (sr *stateRun) catchJSONata(c catchNode, errOut map[string]any) (stepResult, *Failure) {
	sr.env.states.errorOutput, sr.env.states.hasError = errOut, true
	sr.env.states.hasResult = false
	assigned, f := sr.assign(c.assign, sr.env)
	if f != nil {
		return stepResult{}, f
	}
	var out any = errOut
	if c.output != nil {
		v, f := c.output.eval(sr.env)
		if f != nil {
			return stepResult{}, asRuntime(f)
		}
		out = v
	}
	return stepResult{output: out, next: c.next, assigned: assigned}, nil
}

// errorOutput is the {"Error", "Cause"} object a catcher receives. A failure
// without a name (SendTaskFailure with neither field) gives nulls, as AWS
// does.
func errorOutput(f *Failure) map[string]any {
	out := map[string]any{"Error": f.Name, "Cause": f.Cause}
	if f.Name == "" {
		out["Error"] = nil
		if f.Cause == "" {
			out["Cause"] = nil
		}
	}
	return out
}
