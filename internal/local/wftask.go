package local

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/stormless/stormless/internal/enforce"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/workflow"
)

// taskCall names one task call of a workflow.
type taskCall struct {
	task, action string
	// hash identifies the parameters the workflow gave (see paramsHash).
	hash string
	// id is the execution id chosen for the task, logged before it runs.
	id string
	// token is the task token of a task waiting for a callback (core.ask).
	token string
}

// workflowTasks wraps the runner function so that the tasks of the
// workflows running here pass the pause gate, are logged for a restart,
// and are replayed from the log after one.
func (e *Engine) workflowTasks(h handler) handler {
	return func(ctx context.Context, in json.RawMessage) (json.RawMessage, error) {
		var req struct {
			Action  string `json:"action"`
			Context struct {
				ExecutionID string `json:"execution_id"`
				TaskName    string `json:"task_name"`
				Parent      struct {
					ExecutionID string `json:"execution_id"`
				} `json:"parent"`
			} `json:"context"`
			TaskToken  string          `json:"task_token"`
			Parameters json.RawMessage `json:"parameters"`
		}
		if json.Unmarshal(in, &req) != nil || req.Context.ExecutionID != "" || req.Action == workflow.ActionKVLookup {
			return h(ctx, in)
		}
		r := e.runs.wf.get(executionIDFromARN(req.Context.Parent.ExecutionID))
		if r == nil {
			return h(ctx, in)
		}
		var params any
		_ = json.Unmarshal(req.Parameters, &params)
		call := taskCall{task: req.Context.TaskName, action: req.Action, token: req.TaskToken, hash: paramsHash(params), id: execution.NewID()}
		payload, err := withTaskID(in, call.id)
		if err != nil {
			return h(ctx, in)
		}
		return e.runTask(ctx, r, call, func(ctx context.Context) (json.RawMessage, error) { return h(ctx, payload) })
	}
}

// runTask runs one task of workflow r: it waits while r is paused, logs
// the checkpoint of the state it runs in and the task, and runs it, or
// replays it when it ran before a restart.
func (e *Engine) runTask(ctx context.Context, r *wfRun, call taskCall, run func(context.Context) (json.RawMessage, error)) (json.RawMessage, error) {
	if err := e.enterTask(ctx, r, true); err != nil {
		return nil, err
	}
	defer e.leaveTask(r)
	e.checkpoint(r)
	if out, ok, err := e.replayTask(ctx, r, call); ok {
		return out, err
	}
	n, err := r.log.start(call)
	e.report(err)
	out, err := run(ctx)
	var resp enforce.RunnerResponse
	if err == nil && json.Unmarshal(out, &resp) == nil {
		e.report(r.log.end(n, resp.ExecutionID, resp.Status))
		if resp.Status == string(execution.StatusPending) && call.token != "" {
			e.holdForInquiry(r)
		}
	}
	return out, err
}

// checkpoint logs r's interpreter checkpoint when its top-level state
// changed since the last one logged. Concurrent tasks of one state (a
// fork's branches, a with-items task's items) wait until the checkpoint is
// written, so their task lines follow it.
func (e *Engine) checkpoint(r *wfRun) {
	if r.log == nil {
		return
	}
	r.cpMu.Lock()
	defer r.cpMu.Unlock()
	cp, err := r.x.Checkpoint()
	if err != nil {
		e.report(err)
		return
	}
	g := &e.runs.wf
	g.mu.Lock()
	same := cp.State == r.pos
	r.pos = cp.State
	g.mu.Unlock()
	if !same {
		e.report(r.log.write(logLine{CP: cp}))
	}
}

// withTaskID sets the execution id a task request chooses for its task.
func withTaskID(in json.RawMessage, id string) (json.RawMessage, error) {
	var m map[string]any
	if err := json.Unmarshal(in, &m); err != nil {
		return nil, err
	}
	c, _ := m["context"].(map[string]any)
	if c == nil {
		c = map[string]any{}
		m["context"] = c
	}
	c[enforce.TaskExecutionID] = id
	return json.Marshal(m)
}

// paramsHash identifies a task's parameters: a hash of their JSON (object
// keys sorted), so that a with-items task's items replay their own
// outcomes.
func paramsHash(params any) string {
	b, _ := json.Marshal(params)
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:8])
}

// executionIDFromARN returns the execution id a task names as its parent:
// the name of the workflow's state machine execution.
func executionIDFromARN(s string) string {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == ':' {
			return s[i+1:]
		}
	}
	return s
}

// response encodes a runner response.
func response(status execution.Status, result json.RawMessage, id string) (json.RawMessage, error) {
	resp := enforce.RunnerResponse{Status: string(status), ExecutionID: id}
	if len(result) > 0 {
		resp.Result = result
	}
	b, err := json.Marshal(resp)
	if err != nil {
		return nil, fmt.Errorf("encoding replayed response: %w", err)
	}
	return b, nil
}
