package api

import "net/http"

// inquiryResponse is the body of PUT /api/v1/inquiries/{id}, StackStorm's
// InquiryResponseAPI, and its answer.
type inquiryResponse struct {
	ID       string         `json:"id"`
	Response map[string]any `json:"response"`
}

// respondInquiry serves PUT /api/v1/inquiries/{id}: the response must
// satisfy the inquiry's schema (400 otherwise); an inquiry no longer pending
// is 409.
func (h *Handler) respondInquiry(w http.ResponseWriter, r *http.Request) {
	var req inquiryResponse
	if err := decodeBody(r, &req); err != nil {
		writeError(w, err)
		return
	}
	id := r.PathValue("id")
	if req.Response == nil {
		writeError(w, badRequest("response is required"))
		return
	}
	if _, err := h.engine.Respond(r.Context(), id, req.Response, h.userOf(r)); err != nil {
		writeError(w, errorf("responding to inquiry %s: %w", id, err))
		return
	}
	writeJSON(w, http.StatusOK, inquiryResponse{ID: id, Response: req.Response})
}
