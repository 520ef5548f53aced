package api

import "net/http"

// health serves GET /api/v1/health: 200 {"status": "ok"} while the handler
// serves requests.
func (h *Handler) health(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}
