package api

import (
	"net/http"

	"github.com/stormless/stormless/internal/pack"
)

// packView is a pack in StackStorm's PackAPI shape: its metadata, without
// the resources it defines (those have their own endpoints).
type packView struct {
	pack.Pack
	ID  string `json:"id"`
	UID string `json:"uid"`
}

// newPackView returns p's API form.
func newPackView(p *pack.Pack) packView {
	v := packView{Pack: *p, ID: p.Ref, UID: "pack:" + p.Ref}
	v.Actions, v.Rules, v.Sensors, v.TriggerTypes = nil, nil, nil, nil
	v.Policies, v.Aliases, v.Workflows = nil, nil, nil
	return v
}

// listPacks serves GET /api/v1/packs.
func (h *Handler) listPacks(w http.ResponseWriter, r *http.Request) {
	views := []packView{}
	for _, p := range h.engine.Packs().Packs() {
		views = append(views, newPackView(p))
	}
	writeJSON(w, http.StatusOK, views)
}

// getPack serves GET /api/v1/packs/{ref}.
func (h *Handler) getPack(w http.ResponseWriter, r *http.Request) {
	p, ok := h.engine.Packs().Pack(r.PathValue("ref"))
	if !ok {
		writeFault(w, http.StatusNotFound, "pack "+r.PathValue("ref")+" not found")
		return
	}
	writeJSON(w, http.StatusOK, newPackView(p))
}
