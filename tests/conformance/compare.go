package conformance

import (
	"fmt"
	"sort"
)

// mismatch is one difference between a recording and a replay.
type mismatch struct {
	// At is the position in the recorded history where it shows, used to
	// report the earliest difference first.
	At int
	// Reason is one line: state, what was expected, what came.
	Reason string
}

// compareStates compares, state by state, entered inputs and exited
// outputs. Within one state, values are compared in order, and as a
// multiset when the order differs (Map and Parallel run concurrently).
//
// Snapshots lose the ids and order of the events of Parallel branches and
// drop some of them; for such histories, extra entries and exits in the
// replay are not differences.
func compareStates(want, got *history) []mismatch {
	lossy := want.lossy()
	ws, order := want.states()
	gs, gorder := got.states()
	var out []mismatch
	for _, name := range order {
		w, g := ws[name], gs[name]
		if g == nil {
			g = &stateIO{}
		}
		if m, ok := compareSeq(name, "entered with input", w.Entered, g.Entered, w.EnteredAt, lossy); ok {
			out = append(out, m)
		}
		if m, ok := compareSeq(name, "exited with output", w.Exited, g.Exited, w.ExitedAt, lossy); ok {
			out = append(out, m)
		}
	}
	for _, name := range gorder {
		if ws[name] == nil && !lossy {
			out = append(out, mismatch{At: len(want.Events), Reason: fmt.Sprintf("state %s: entered, but never in the recording (input %s)", name, short(first(gs[name].Entered)))})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At < out[j].At })
	return out
}

func first(vs []any) any {
	if len(vs) == 0 {
		return nil
	}
	return vs[0]
}

// compareSeq compares the values one state saw in one role.
func compareSeq(name, role string, want, got []any, at []int, lossy bool) (mismatch, bool) {
	for i := range want {
		if i >= len(got) {
			return mismatch{At: at[i], Reason: fmt.Sprintf("state %s: %s %d times, want %d (missing %s)", name, role, len(got), len(want), short(want[i]))}, true
		}
		if d := match(want[i], got[i]); d != "" && !matchesSomeOther(want[i], got) {
			return mismatch{At: at[i], Reason: fmt.Sprintf("state %s: %s #%d %s", name, role, i, d)}, true
		}
	}
	if len(got) > len(want) && !lossy {
		end := len(want)
		return mismatch{At: lastOr(at), Reason: fmt.Sprintf("state %s: %s %d times, want %d (extra %s)", name, role, len(got), len(want), short(got[end]))}, true
	}
	return mismatch{}, false
}

// matchesSomeOther reports whether any of got matches want, for states
// whose iterations interleave differently.
func matchesSomeOther(want any, got []any) bool {
	for _, g := range got {
		if match(want, g) == "" {
			return true
		}
	}
	return false
}

func lastOr(at []int) int {
	if len(at) == 0 {
		return 0
	}
	return at[len(at)-1]
}

// compareOutcome compares how the executions ended.
func compareOutcome(want, got outcome, end int) []mismatch {
	if want.Status == "" {
		return nil
	}
	if want.Status != got.Status {
		return []mismatch{{At: end, Reason: fmt.Sprintf("execution: status %s, want %s (got error %s, cause %s; output %s)", got.Status, want.Status, short(got.Error), short(got.Cause), short(got.Output))}}
	}
	var out []mismatch
	if d := match(want.Output, got.Output); want.Status == "SUCCEEDED" && d != "" {
		out = append(out, mismatch{At: end, Reason: "execution output " + d})
	}
	if want.Error != nil {
		if d := match(want.Error, got.Error); d != "" {
			out = append(out, mismatch{At: end, Reason: fmt.Sprintf("execution: error %s, want %s", short(got.Error), short(want.Error))})
		}
	}
	if want.Cause != nil {
		if d := match(want.Cause, got.Cause); d != "" {
			out = append(out, mismatch{At: end, Reason: fmt.Sprintf("execution: cause %s, want %s", short(got.Cause), short(want.Cause))})
		}
	}
	return out
}
