package api

import (
	"net/http"

	"github.com/stormless/stormless/internal/pack"
)

// triggerTypeView is a trigger type in StackStorm's TriggerTypeAPI shape.
type triggerTypeView struct {
	*pack.TriggerType
	ID  string `json:"id"`
	UID string `json:"uid"`
}

// newTriggerTypeView returns t's API form.
func newTriggerTypeView(t *pack.TriggerType) triggerTypeView {
	return triggerTypeView{TriggerType: t, ID: t.Ref, UID: "trigger_type:" + t.Pack + ":" + t.Name}
}

// listTriggerTypes serves GET /api/v1/triggertypes, optionally only those
// of pack.
func (h *Handler) listTriggerTypes(w http.ResponseWriter, r *http.Request) {
	packRef := r.URL.Query().Get("pack")
	views := []triggerTypeView{}
	for _, t := range h.engine.Packs().TriggerTypes() {
		if packRef == "" || t.Pack == packRef {
			views = append(views, newTriggerTypeView(t))
		}
	}
	writeJSON(w, http.StatusOK, views)
}

// getTriggerType serves GET /api/v1/triggertypes/{ref}.
func (h *Handler) getTriggerType(w http.ResponseWriter, r *http.Request) {
	t, ok := h.engine.Packs().TriggerType(r.PathValue("ref"))
	if !ok {
		writeFault(w, http.StatusNotFound, "trigger type "+r.PathValue("ref")+" not found")
		return
	}
	writeJSON(w, http.StatusOK, newTriggerTypeView(t))
}
