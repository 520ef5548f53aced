package interp

import (
	"context"
	"math"
	"time"
)

func (sr *stateRun) wait(ctx context.Context) (stepResult, *Failure) {
	eff := sr.raw
	if !sr.n.jsonata {
		var f *Failure
		if eff, f = sr.effectiveInput(); f != nil {
			return stepResult{}, f
		}
	}
	d, f := sr.waitDuration(eff)
	if f != nil {
		return stepResult{}, f
	}
	if err := sr.th.exec.in.clock.Sleep(ctx, d); err != nil {
		return stepResult{}, ctxFailure(ctx)
	}
	if sr.n.jsonata {
		return sr.finishJSONata(nil, false, sr.raw)
	}
	assigned, f := sr.assign(sr.n.assign, sr.env.with(eff))
	if f != nil {
		return stepResult{}, f
	}
	out, f := sr.applyOutputPath(eff)
	return stepResult{output: out, next: sr.n.next, assigned: assigned}, f
}

func (sr *stateRun) waitDuration(eff any) (time.Duration, *Failure) {
	n := sr.n
	if n.seconds.present() {
		v, _, f := sr.evalField(n.seconds, eff)
		if f != nil {
			return 0, waitPathFailure(n.seconds, "does not reference an input value", nil, false)
		}
		return secondsOf(n.seconds, v)
	}
	v, _, f := sr.evalField(n.timestamp, eff)
	if f != nil {
		return 0, waitPathFailure(n.timestamp, "does not reference an input value", nil, false)
	}
	s, _ := v.(string)
	t, err := parseTimestamp(s)
	if err != nil {
		return 0, waitPathFailure(n.timestamp, "does not reference a valid ISO-8601 extended offset date-time format string", v, true)
	}
	d := t.Sub(sr.th.exec.in.clock.Now())
	if d > maxWaitDelay {
		return 0, runtimeFail(ErrRuntime, "Wait state delay is too long.")
	}
	return d, nil
}

// maxWaitDelay is the longest delay a Timestamp may ask for: 2^31-1
// seconds (a timestamp 24,855 days ahead waits; 24,856 days fails).
const maxWaitDelay = math.MaxInt32 * time.Second

func secondsOf(fe fieldExpr, v any) (time.Duration, *Failure) {
	x, ok := v.(float64)
	if !ok || x != math.Trunc(x) {
		return 0, waitPathFailure(fe, "cannot be parsed as a long value", v, true)
	}
	if x < 0 {
		return 0, waitPathFailure(fe, "references a negative value", v, true)
	}
	return time.Duration(x) * time.Second, nil
}

func waitPathFailure(fe fieldExpr, what string, v any, withValue bool) *Failure {
	if fe.path == nil {
		return runtimeFail(ErrRuntime, "The Wait state's time field %s", what)
	}
	msg := "The " + fe.pathName + " parameter " + what + ": " + fe.path.src
	if withValue {
		msg += " == " + stringOf(v)
	}
	return runtimeFail(ErrRuntime, "%s", msg)
}
