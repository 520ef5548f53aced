package api

import (
	"net/http"

	"github.com/stormless/stormless/internal/pack"
)

// actionView is an action in StackStorm's ActionAPI shape.
type actionView struct {
	*pack.Action
	ID  string `json:"id"`
	UID string `json:"uid"`
}

// newActionView returns a's API form; its id is its ref, as Stormless keeps
// no database ids for pack content.
func newActionView(a *pack.Action) actionView {
	return actionView{Action: a, ID: a.Ref, UID: "action:" + a.Pack + ":" + a.Name}
}

// listActions serves GET /api/v1/actions, optionally only those of pack.
func (h *Handler) listActions(w http.ResponseWriter, r *http.Request) {
	packRef := r.URL.Query().Get("pack")
	views := []actionView{}
	for _, a := range h.engine.Packs().Actions() {
		if packRef == "" || a.Pack == packRef {
			views = append(views, newActionView(a))
		}
	}
	writeJSON(w, http.StatusOK, views)
}

// getAction serves GET /api/v1/actions/{ref}.
func (h *Handler) getAction(w http.ResponseWriter, r *http.Request) {
	a, ok := h.engine.Packs().Action(r.PathValue("ref"))
	if !ok {
		writeFault(w, http.StatusNotFound, "action "+r.PathValue("ref")+" not found")
		return
	}
	writeJSON(w, http.StatusOK, newActionView(a))
}
