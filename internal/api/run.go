package api

import (
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/param"
)

// runRequest is the body of POST /api/v1/executions, StackStorm's
// ActionExecution create: the action ref and its parameters.
type runRequest struct {
	Action     string         `json:"action"`
	Parameters map[string]any `json:"parameters"`
	User       string         `json:"user"`
}

// runExecution serves POST /api/v1/executions: it checks the action exists
// and its parameters resolve (400 otherwise, nothing started), submits the
// run and answers 201 with the execution as recorded.
func (h *Handler) runExecution(w http.ResponseWriter, r *http.Request) {
	var req runRequest
	if err := decodeBody(r, &req); err != nil {
		writeError(w, err)
		return
	}
	if err := h.checkActAs(r, req.User); err != nil {
		writeError(w, err)
		return
	}
	if req.User == "" {
		req.User = h.userOf(r)
	}
	h.submit(w, r, req)
}

// submit validates and starts a run, answering 201 with the execution.
func (h *Handler) submit(w http.ResponseWriter, r *http.Request, req runRequest) {
	if err := h.checkRun(r, req); err != nil {
		writeError(w, err)
		return
	}
	id, err := h.engine.Submit(r.Context(), req.Action, req.Parameters, req.User)
	if err != nil {
		writeError(w, errorf("running %s: %w", req.Action, err))
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

// checkRun validates a run request against the action's parameter schema,
// as the engine will, so that a bad request records nothing.
func (h *Handler) checkRun(r *http.Request, req runRequest) error {
	if req.Action == "" {
		return badRequest("action is required")
	}
	a, ok := h.engine.Packs().Action(req.Action)
	if !ok {
		return badRequest("action %q not found", req.Action)
	}
	if !a.Enabled {
		return badRequest("action %q is disabled", req.Action)
	}
	if err := checkKnown(a, req.Parameters); err != nil {
		return err
	}
	spec, err := param.Compile(a.Parameters)
	if err != nil {
		return errorf("compiling parameters of %s: %w", a.Ref, err)
	}
	c := param.Context{User: req.User, Action: map[string]any{"user": req.User}}
	if h.kv != nil {
		c.Datastore = h.kv
	}
	if _, err := spec.Resolve(r.Context(), req.Parameters, c); err != nil {
		return badRequest("parameters of %s: %v", a.Ref, err)
	}
	return nil
}

// checkKnown refuses parameters the action (with its runner's) does not
// declare, as StackStorm's parameter schema does (additionalProperties
// false).
func checkKnown(a *pack.Action, params map[string]any) error {
	var unknown []string
	for name := range params {
		if _, ok := a.Parameters[name]; !ok {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	slices.Sort(unknown)
	known := slices.Sorted(maps.Keys(a.Parameters))
	return badRequest("parameters of %s: unknown parameter(s) %s; it takes: %s", a.Ref,
		strings.Join(unknown, ", "), strings.Join(known, ", "))
}
