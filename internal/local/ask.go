package local

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/stormless/stormless/internal/asl/interp"
)

// asks are the direct core.ask executions waiting for their response, by
// execution id; each channel is closed once the inquiry is resolved.
type asks struct {
	mu sync.Mutex
	m  map[string]chan struct{}
}

func (a *asks) wait(id string) chan struct{} {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.m == nil {
		a.m = map[string]chan struct{}{}
	}
	ch := make(chan struct{})
	a.m[id] = ch
	return ch
}

func (a *asks) done(id string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.m, id)
}

// signal wakes the run waiting for inquiry id, if any.
func (a *asks) signal(id string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if ch, ok := a.m[id]; ok {
		close(ch)
		delete(a.m, id)
	}
}

// ids returns the executions waiting.
func (a *asks) ids() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := make([]string, 0, len(a.m))
	for id := range a.m {
		out = append(out, id)
	}
	return out
}

// directAsks wraps the runner function so that a core.ask run directly
// (the inquirer runner of a top-level execution) asks its inquiry and
// stays pending until Respond answers it or it expires; the response is
// validated against the inquiry's schema by Respond. Cancel or Close stop
// the wait, leaving the execution as it is (Close: still pending, to be
// answered after the next start).
func (e *Engine) directAsks(next interp.LambdaFunc) interp.LambdaFunc {
	return func(ctx context.Context, payload any) (any, error) {
		m, _ := payload.(map[string]any)
		c, _ := m["context"].(map[string]any)
		id, _ := c["execution_id"].(string)
		action, _ := m["action"].(string)
		if id == "" || !e.isInquirer(action) {
			return next(ctx, payload)
		}
		params, _ := m["parameters"].(map[string]any)
		ctx, done := e.runs.track(ctx, id)
		defer done()
		out, err := e.askDirect(ctx, id, params)
		if err != nil {
			return nil, err
		}
		var v any
		if err := json.Unmarshal(out, &v); err != nil {
			return nil, fmt.Errorf("decoding inquiry response: %w", err)
		}
		return v, nil
	}
}

// isInquirer reports whether action ref runs on the inquirer runner.
func (e *Engine) isInquirer(ref string) bool {
	a, err := e.current().catalog.Action(ref)
	return err == nil && a.Pack.RunnerType == inquirerRunner
}

// askDirect asks the inquiry of top-level execution id and waits for it
// to be resolved or ctx to end; it answers with the execution's status
// then (pending when the wait was stopped).
func (e *Engine) askDirect(ctx context.Context, id string, params map[string]any) (json.RawMessage, error) {
	ch := e.runs.asks.wait(id)
	defer e.runs.asks.done(id)
	if err := e.enforcer.AskDirect(ctx, id, params); err != nil {
		return nil, err
	}
	select {
	case <-ch:
	case <-ctx.Done():
	}
	x, err := e.store.GetExecution(context.WithoutCancel(ctx), id)
	if err != nil {
		return nil, err
	}
	return response(x.Status, x.Result, id)
}
