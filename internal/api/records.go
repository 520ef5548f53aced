package api

import (
	"context"
	"net/http"

	"github.com/stormless/stormless/internal/execution"
)

// listTriggerInstances serves GET /api/v1/triggerinstances: filters
// trigger, status, timestamp_gt and timestamp_lt.
func (h *Handler) listTriggerInstances(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	q := execution.TriggerInstanceQuery{Trigger: firstOf(v, "trigger", "trigger_type"),
		Status: execution.TriggerInstanceStatus(v.Get("status"))}
	if q.Status != "" && !q.Status.Valid() {
		writeError(w, badRequest("unknown status %q", q.Status))
		return
	}
	serveList(w, r, "timestamp", &q.TimeRange,
		func(ctx context.Context, pq execution.PageQuery) (execution.Page[execution.TriggerInstance], error) {
			q.PageQuery = pq
			return h.store.ListTriggerInstances(ctx, q)
		})
}

// getTriggerInstance serves GET /api/v1/triggerinstances/{id}.
func (h *Handler) getTriggerInstance(w http.ResponseWriter, r *http.Request) {
	serveGet(w, r, "trigger instance", h.store.GetTriggerInstance)
}

// listEnforcements serves GET /api/v1/ruleenforcements: filters rule_ref,
// trigger_instance, execution, enforced_at_gt and enforced_at_lt.
func (h *Handler) listEnforcements(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	q := execution.EnforcementQuery{Rule: firstOf(v, "rule_ref", "rule"),
		TriggerInstanceID: firstOf(v, "trigger_instance", "trigger_instance_id"),
		ExecutionID:       firstOf(v, "execution", "execution_id")}
	serveList(w, r, "enforced_at", &q.TimeRange,
		func(ctx context.Context, pq execution.PageQuery) (execution.Page[execution.Enforcement], error) {
			q.PageQuery = pq
			return h.store.ListEnforcements(ctx, q)
		})
}

// getEnforcement serves GET /api/v1/ruleenforcements/{id}.
func (h *Handler) getEnforcement(w http.ResponseWriter, r *http.Request) {
	serveGet(w, r, "rule enforcement", h.store.GetEnforcement)
}

// listTraces serves GET /api/v1/traces: filter trace_tag,
// start_timestamp_gt and start_timestamp_lt.
func (h *Handler) listTraces(w http.ResponseWriter, r *http.Request) {
	q := execution.TraceQuery{TraceTag: r.URL.Query().Get("trace_tag")}
	serveList(w, r, "start_timestamp", &q.TimeRange,
		func(ctx context.Context, pq execution.PageQuery) (execution.Page[execution.Trace], error) {
			q.PageQuery = pq
			return h.store.ListTraces(ctx, q)
		})
}

// getTrace serves GET /api/v1/traces/{id}.
func (h *Handler) getTrace(w http.ResponseWriter, r *http.Request) {
	serveGet(w, r, "trace", h.store.GetTrace)
}

// listInquiries serves GET /api/v1/inquiries: filter status (pending by
// default, as StackStorm lists only pending inquiries; "all" lists every one).
func (h *Handler) listInquiries(w http.ResponseWriter, r *http.Request) {
	q := execution.InquiryQuery{Status: execution.InquiryPending}
	switch s := r.URL.Query().Get("status"); s {
	case "":
	case "all":
		q.Status = ""
	default:
		q.Status = execution.InquiryStatus(s)
	}
	serveList(w, r, "timestamp", &q.TimeRange,
		func(ctx context.Context, pq execution.PageQuery) (execution.Page[execution.Inquiry], error) {
			q.PageQuery = pq
			return h.store.ListInquiries(ctx, q)
		})
}

// getInquiry serves GET /api/v1/inquiries/{id}.
func (h *Handler) getInquiry(w http.ResponseWriter, r *http.Request) {
	serveGet(w, r, "inquiry", h.store.GetInquiry)
}

// serveList answers one page of a store listing; the time range is read
// from <timeName>_gt and <timeName>_lt into tr, before list is called.
func serveList[T any](w http.ResponseWriter, r *http.Request, timeName string, tr *execution.TimeRange,
	list func(context.Context, execution.PageQuery) (execution.Page[T], error)) {
	v := r.URL.Query()
	p, err := parsePaging(v)
	if err == nil {
		*tr, err = timeRange(v, timeName+"_gt", timeName+"_lt")
	}
	if err != nil {
		writeError(w, err)
		return
	}
	items, next, err := fetchPage(r.Context(), p, list)
	if err != nil {
		writeError(w, errorf("listing: %w", err))
		return
	}
	writePage(w, p, items, next)
}

// serveGet answers the record get returns for the path's id.
func serveGet[T any](w http.ResponseWriter, r *http.Request, kind string,
	get func(context.Context, string) (T, error)) {
	rec, err := get(r.Context(), r.PathValue("id"))
	if err != nil {
		writeError(w, errorf("getting %s %s: %w", kind, r.PathValue("id"), err))
		return
	}
	writeJSON(w, http.StatusOK, rec)
}
