package api

import (
	"net/http"
	"strings"
)

// routes registers every endpoint on h.mux.
func (h *Handler) routes() {
	m := h.mux
	m.HandleFunc("GET /api/v1/health", h.health)
	m.HandleFunc("GET /api/v1/actions", withTotalCount(h.listActions))
	m.HandleFunc("GET /api/v1/actions/{ref}", h.getAction)
	m.HandleFunc("GET /api/v1/actions/{ref}/graph", h.getActionGraph)
	m.HandleFunc("GET /api/v1/executions", h.listExecutions)
	m.HandleFunc("POST /api/v1/executions", h.runExecution)
	m.HandleFunc("GET /api/v1/executions/{id}", h.getExecution)
	m.HandleFunc("GET /api/v1/executions/{id}/output", h.getOutput)
	m.HandleFunc("GET /api/v1/executions/{id}/children", h.getChildren)
	m.HandleFunc("DELETE /api/v1/executions/{id}", h.cancelExecution)
	m.HandleFunc("PUT /api/v1/executions/{id}", h.setExecutionStatus)
	m.HandleFunc("POST /api/v1/executions/{id}/re_run", h.reRunExecution)
	m.HandleFunc("GET /api/v1/rules", withTotalCount(h.listRules))
	m.HandleFunc("GET /api/v1/rules/{ref}", h.getRule)
	m.HandleFunc("POST /api/v1/rules/{ref}/test", h.testRule)
	m.HandleFunc("GET /api/v1/triggertypes", withTotalCount(h.listTriggerTypes))
	m.HandleFunc("GET /api/v1/triggertypes/{ref}", h.getTriggerType)
	m.HandleFunc("GET /api/v1/triggerinstances", h.listTriggerInstances)
	m.HandleFunc("GET /api/v1/triggerinstances/{id}", h.getTriggerInstance)
	m.HandleFunc("POST /api/v1/triggerinstances/{id}/re_emit", h.reEmitTriggerInstance)
	m.HandleFunc("POST /api/v1/triggerinstances/{id}/re_send", h.reEmitTriggerInstance)
	m.HandleFunc("GET /api/v1/ruleenforcements", h.listEnforcements)
	m.HandleFunc("GET /api/v1/ruleenforcements/{id}", h.getEnforcement)
	m.HandleFunc("GET /api/v1/traces", h.listTraces)
	m.HandleFunc("GET /api/v1/traces/{id}", h.getTrace)
	m.HandleFunc("GET /api/v1/keys", h.listKeys)
	m.HandleFunc("GET /api/v1/keys/{name}", h.getKey)
	m.HandleFunc("PUT /api/v1/keys/{name}", h.putKey)
	m.HandleFunc("DELETE /api/v1/keys/{name}", h.deleteKey)
	m.HandleFunc("GET /api/v1/apikeys", withTotalCount(h.listAPIKeys))
	m.HandleFunc("POST /api/v1/apikeys", h.createAPIKey)
	m.HandleFunc("DELETE /api/v1/apikeys/{id}", h.deleteAPIKey)
	m.HandleFunc("GET /api/v1/packs", withTotalCount(h.listPacks))
	m.HandleFunc("GET /api/v1/packs/{ref}", h.getPack)
	m.HandleFunc("POST /api/v1/packs/reload", h.reload)
	m.HandleFunc("GET /api/v1/inquiries", h.listInquiries)
	m.HandleFunc("GET /api/v1/inquiries/{id}", h.getInquiry)
	m.HandleFunc("PUT /api/v1/inquiries/{id}", h.respondInquiry)
	m.HandleFunc("GET /api/v1/webhooks", h.listWebhooks)
	m.HandleFunc("GET /api/v1/webhooks/{url...}", h.getWebhook)
	m.HandleFunc("POST /api/v1/webhooks/st2", h.postGenericWebhook)
	m.HandleFunc("POST /api/v1/webhooks/{url...}", h.postWebhook)
	m.HandleFunc("GET /stream/v1/stream", h.stream)
	m.HandleFunc("/", h.notFound)
}

// methods are the methods routes use.
var methods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete}

// notFound answers every request no route serves: 405 when the path is
// served with another method, else 404.
func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) {
	if allowed := h.allowedMethods(r); len(allowed) > 0 {
		w.Header().Set("Allow", strings.Join(allowed, ", "))
		writeFault(w, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed on "+r.URL.Path)
		return
	}
	writeFault(w, http.StatusNotFound, "no such resource: "+r.Method+" "+r.URL.Path)
}

// allowedMethods returns the methods a route serves r's path with.
func (h *Handler) allowedMethods(r *http.Request) []string {
	var allowed []string
	for _, m := range methods {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := h.mux.Handler(probe); pattern != "/" && pattern != "" {
			allowed = append(allowed, m)
		}
	}
	return allowed
}
