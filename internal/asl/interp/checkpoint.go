package interp

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Checkpoint is an execution's state as a plain value that can be
// persisted (it marshals to JSON) and resumed with Resume. It records the
// top-level state that was running and that state's input, the top-level
// variables, the history so far and the transition count; resuming re-runs
// that state from its start, as a redrive does, so a Parallel or Map state
// in progress restarts as a whole.
type Checkpoint struct {
	Machine     string          `json:"machine"`
	Name        string          `json:"name"`
	Input       any             `json:"input"`
	StartTime   time.Time       `json:"startTime"`
	State       string          `json:"state"`
	StateInput  any             `json:"stateInput"`
	Variables   map[string]any  `json:"variables,omitempty"`
	History     json.RawMessage `json:"history,omitempty"`
	Transitions int64           `json:"transitions"`
	Depth       int             `json:"depth,omitempty"`
}

// Checkpoint captures the execution's current state. It is safe to call
// while the execution runs; the snapshot is taken between states.
func (e *Execution) Checkpoint() (*Checkpoint, error) {
	e.mu.Lock()
	pos := e.position
	e.mu.Unlock()
	hist, err := json.Marshal(e.History())
	if err != nil {
		return nil, fmt.Errorf("checkpointing execution %s: %w", e.Name, err)
	}
	return &Checkpoint{
		Machine: e.machine.Name, Name: e.Name, Input: e.input, StartTime: e.startTime,
		State: pos.state, StateInput: pos.input, Variables: e.vars.snapshot(), History: hist,
		Transitions: e.transitions.Load() - 1, Depth: e.depth,
	}, nil
}

// Resume continues a checkpointed execution of m on its own goroutine,
// re-running the state the checkpoint was taken in.
func (in *Interpreter) Resume(ctx context.Context, m *Machine, cp *Checkpoint) (*Execution, error) {
	if m.prog.nodes[cp.State] == nil {
		return nil, fmt.Errorf("resuming execution %s: machine %s has no state %q", cp.Name, m.Name, cp.State)
	}
	e, err := in.newExecution(ctx, m, cp.Input, []StartOption{WithName(cp.Name), withDepth(cp.Depth)})
	if err != nil {
		return nil, fmt.Errorf("resuming execution %s: %w", cp.Name, err)
	}
	e.startTime = cp.StartTime
	e.vars.assign(cp.Variables)
	e.transitions.Store(max(cp.Transitions, 0))
	if err := e.restoreHistory(cp.History); err != nil {
		return nil, err
	}
	go e.run(e.ctx, position{state: cp.State, input: cp.StateInput})
	return e, nil
}

func (e *Execution) restoreHistory(data json.RawMessage) error {
	if len(data) == 0 {
		return nil
	}
	var events []Event
	if err := json.Unmarshal(data, &events); err != nil {
		return fmt.Errorf("resuming execution %s: decoding history: %w", e.Name, err)
	}
	for _, ev := range events {
		e.rec.events.append(ev)
	}
	if n := len(events); n > 0 {
		e.rec.cursor = events[n-1].ID
	}
	return nil
}

// UnmarshalJSON reads an event written by MarshalJSON; Details becomes the
// raw JSON of the details object.
func (e *Event) UnmarshalJSON(data []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("decoding event: %w", err)
	}
	fields := []struct {
		key string
		dst any
	}{{"id", &e.ID}, {"previousEventId", &e.PreviousEventID}, {"timestamp", &e.Timestamp}, {"type", &e.Type}}
	for _, f := range fields {
		if raw, ok := m[f.key]; ok {
			if err := json.Unmarshal(raw, f.dst); err != nil {
				return fmt.Errorf("decoding event field %s: %w", f.key, err)
			}
		}
		delete(m, f.key)
	}
	for k, raw := range m {
		e.DetailsKey, e.Details = k, raw
	}
	return nil
}
