package api

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/stormless/stormless/internal/execution"
)

// listExecutions serves GET /api/v1/executions: filters action, status,
// rule (a rule ref), trigger_type, parent (an id, or "null" for top-level
// executions), timestamp_gt and timestamp_lt; include_attributes or
// exclude_attributes (such as result) trim each record.
func (h *Handler) listExecutions(w http.ResponseWriter, r *http.Request) {
	q, p, err := executionQuery(r.URL.Query())
	if err != nil {
		writeError(w, err)
		return
	}
	proj, err := parseProjection(r.URL.Query())
	if err != nil {
		writeError(w, err)
		return
	}
	items, next, err := fetchPage(r.Context(), p,
		func(ctx context.Context, pq execution.PageQuery) (execution.Page[execution.Execution], error) {
			q.PageQuery = pq
			return h.store.ListExecutions(ctx, q)
		})
	if err != nil {
		writeError(w, errorf("listing executions: %w", err))
		return
	}
	shown, err := applyProjection(proj, items)
	if err != nil {
		writeError(w, err)
		return
	}
	writePage(w, p, shown, next)
}

// executionQuery reads the filters and paging of an executions listing.
func executionQuery(v url.Values) (execution.ExecutionQuery, paging, error) {
	q := execution.ExecutionQuery{
		Action:      v.Get("action"),
		Status:      execution.Status(v.Get("status")),
		Rule:        firstOf(v, "rule", "rule_ref"),
		TriggerType: v.Get("trigger_type"),
		Parent:      v.Get("parent"),
	}
	if q.Status != "" && !q.Status.Valid() {
		return q, paging{}, badRequest("unknown status %q", q.Status)
	}
	if strings.EqualFold(q.Parent, "null") {
		q.Parent, q.TopLevel = "", true
	}
	var err error
	if q.TimeRange, err = timeRange(v, "timestamp_gt", "timestamp_lt"); err != nil {
		return q, paging{}, err
	}
	p, err := parsePaging(v)
	return q, p, err
}

// firstOf returns the first non-empty query parameter among names.
func firstOf(v url.Values, names ...string) string {
	for _, n := range names {
		if s := v.Get(n); s != "" {
			return s
		}
	}
	return ""
}

// getExecution serves GET /api/v1/executions/{id}.
func (h *Handler) getExecution(w http.ResponseWriter, r *http.Request) {
	e, err := h.store.GetExecution(r.Context(), r.PathValue("id"))
	if err != nil {
		writeError(w, errorf("getting execution %s: %w", r.PathValue("id"), err))
		return
	}
	writeJSON(w, http.StatusOK, e)
}

// getOutput serves GET /api/v1/executions/{id}/output as StackStorm does:
// the lines the action printed, as plain text, optionally only those of
// output_type stdout or stderr.
func (h *Handler) getOutput(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	lines, err := h.store.ListOutput(r.Context(), id, 0, 0)
	if err != nil {
		writeError(w, errorf("reading output of execution %s: %w", id, err))
		return
	}
	want := execution.Stream(r.URL.Query().Get("output_type"))
	var b strings.Builder
	for _, l := range lines {
		if want == "" || l.OutputType == want {
			b.WriteString(l.Data)
		}
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte(b.String()))
}

// cancelExecution serves DELETE /api/v1/executions/{id}: 501 unless the
// engine is a Canceler.
func (h *Handler) cancelExecution(w http.ResponseWriter, r *http.Request) {
	c, ok := h.engine.(Canceler)
	if !ok {
		writeFault(w, http.StatusNotImplemented, "canceling executions is not supported by this engine yet")
		return
	}
	e, err := c.Cancel(r.Context(), r.PathValue("id"), h.userOf(r))
	if err != nil {
		writeError(w, errorf("canceling execution %s: %w", r.PathValue("id"), err))
		return
	}
	writeJSON(w, http.StatusOK, e)
}
