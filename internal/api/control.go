package api

import (
	"context"
	"errors"
	"maps"
	"net/http"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/pack"
)

// statusRequest is the body of PUT /api/v1/executions/{id}.
type statusRequest struct {
	Status execution.Status `json:"status"`
}

// setExecutionStatus serves PUT /api/v1/executions/{id} with status pausing
// (pause) or resuming (resume), as StackStorm's CLI does; 501 unless the
// engine is a Pauser.
func (h *Handler) setExecutionStatus(w http.ResponseWriter, r *http.Request) {
	var req statusRequest
	if err := decodeBody(r, &req); err != nil {
		writeError(w, err)
		return
	}
	if req.Status != execution.StatusPausing && req.Status != execution.StatusResuming {
		writeError(w, badRequest("status must be pausing or resuming, got %q", req.Status))
		return
	}
	p, ok := h.engine.(Pauser)
	if !ok {
		writeFault(w, http.StatusNotImplemented, "pausing and resuming executions is not supported by this engine yet")
		return
	}
	do := p.Pause
	if req.Status == execution.StatusResuming {
		do = p.Resume
	}
	e, err := do(r.Context(), r.PathValue("id"), h.userOf(r))
	if err != nil {
		writeError(w, errorf("moving execution %s to %s: %w", r.PathValue("id"), req.Status, err))
		return
	}
	writeJSON(w, http.StatusOK, e)
}

// reRunRequest is the body of POST /api/v1/executions/{id}/re_run.
type reRunRequest struct {
	Parameters map[string]any `json:"parameters"`
	// Tasks re-runs a workflow from these tasks (st2 execution re-run
	// --tasks) instead of from its start.
	Tasks []string `json:"tasks"`
}

// ReRunner is the optional part of an Engine that re-runs a finished
// workflow from some of its tasks. POST /api/v1/executions/{id}/re_run
// with tasks answers 501 when the Engine does not implement it.
type ReRunner interface {
	// ReRun runs workflow execution id again from tasks, with the context
	// it had there, and returns the new execution's id once recorded.
	// Errors wrap execution.ErrNotFound, execution.ErrConflict (not a
	// finished workflow) or execution.ErrInvalid (tasks it never ran).
	ReRun(ctx context.Context, id string, tasks []string, user string) (string, error)
}

// reRunExecution serves POST /api/v1/executions/{id}/re_run: it runs the
// execution's action again with its parameters, overridden by those given,
// and answers 201 with the new execution. StackStorm re-runs with the
// original's parameters, secrets included, since its database keeps them
// unmasked; here records keep secrets masked and nothing keeps the values,
// so a masked secret parameter with a default is resolved from its default
// again (a value the first run was given in its place is not recoverable:
// give it again to use it), and one without a default must be given again
// (400 otherwise, saying so). With tasks, a finished workflow runs again from those tasks
// with its original parameters (see ReRunner); parameters are then
// refused.
func (h *Handler) reRunExecution(w http.ResponseWriter, r *http.Request) {
	var req reRunRequest
	b, err := readBody(r)
	if err == nil && len(b) > 0 {
		err = decodeJSON(b, &req)
	}
	if err != nil {
		writeError(w, err)
		return
	}
	if len(req.Tasks) > 0 {
		h.reRunTasks(w, r, req)
		return
	}
	orig, err := h.store.GetExecution(r.Context(), r.PathValue("id"))
	if err != nil {
		writeError(w, errorf("getting execution %s: %w", r.PathValue("id"), err))
		return
	}
	params, err := h.reRunParameters(orig, req.Parameters)
	if err != nil {
		writeError(w, err)
		return
	}
	h.submit(w, r, runRequest{Action: orig.Action.Ref, Parameters: params, User: h.userOf(r)})
}

// reRunTasks serves a re-run from tasks.
func (h *Handler) reRunTasks(w http.ResponseWriter, r *http.Request, req reRunRequest) {
	rr, ok := h.engine.(ReRunner)
	if !ok {
		writeFault(w, http.StatusNotImplemented, "re-running a workflow from tasks is not supported by this engine")
		return
	}
	if len(req.Parameters) > 0 {
		writeError(w, badRequest("a re-run from tasks keeps the original parameters: give tasks or parameters, not both"))
		return
	}
	id, err := rr.ReRun(r.Context(), r.PathValue("id"), req.Tasks, h.userOf(r))
	if err != nil {
		writeError(w, errorf("re-running execution %s from tasks: %w", r.PathValue("id"), err))
		return
	}
	e, err := h.store.GetExecution(r.Context(), id)
	if err != nil {
		writeError(w, errorf("reading execution %s: %w", id, err))
		return
	}
	w.Header().Set("Location", "/api/v1/executions/"+id)
	writeJSON(w, http.StatusCreated, e)
}

// reRunParameters merges given over orig's parameters, refusing a secret
// parameter that was masked and is not given again.
func (h *Handler) reRunParameters(orig execution.Execution, given map[string]any) (map[string]any, error) {
	a, ok := h.engine.Packs().Action(orig.Action.Ref)
	if !ok {
		return nil, badRequest("action %q of execution %s is no longer loaded", orig.Action.Ref, orig.ID)
	}
	params := maps.Clone(orig.Parameters)
	if params == nil {
		params = map[string]any{}
	}
	maps.Copy(params, given)
	for name, p := range a.Parameters {
		if err := checkUnmasked(name, p, params); err != nil {
			return nil, err
		}
	}
	dropImmutable(a, params)
	return params, nil
}

// checkUnmasked handles a secret parameter still holding the mask: one
// with a default is dropped, to be resolved from its default again; one
// without is refused.
func checkUnmasked(name string, p *pack.Param, params map[string]any) error {
	if !p.Secret || params[name] != execution.Masked {
		return nil
	}
	if p.HasDefault && p.Default != nil {
		delete(params, name)
		return nil
	}
	return badRequest("secret parameter %q has no default and its value is not kept (execution records hold secrets masked): "+
		"give it again, as {\"parameters\": {%q: ...}} (stormless execution re-run ID %s=...)", name, name, name)
}

// dropImmutable removes immutable parameters, which the record holds with
// their defaults and a run may not give.
func dropImmutable(a *pack.Action, params map[string]any) {
	for name, p := range a.Parameters {
		if p.Immutable {
			delete(params, name)
		}
	}
}

// reload serves POST /api/v1/packs/reload: 501 unless the engine is a
// Reloader; packs with problems are a 400 listing them.
func (h *Handler) reload(w http.ResponseWriter, r *http.Request) {
	rl, ok := h.engine.(Reloader)
	if !ok {
		writeFault(w, http.StatusNotImplemented, "reloading packs is not supported by this engine yet: restart stormless up")
		return
	}
	set, err := rl.Reload(r.Context())
	var list pack.ErrorList
	if errors.As(err, &list) {
		writeError(w, badRequest("reloading packs: %v", err))
		return
	}
	if err != nil {
		writeError(w, errorf("reloading packs: %w", err))
		return
	}
	refs := []string{}
	for _, p := range set.Packs() {
		refs = append(refs, p.Ref)
	}
	writeJSON(w, http.StatusOK, map[string][]string{"packs": refs})
}
