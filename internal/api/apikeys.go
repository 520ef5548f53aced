package api

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// ErrAPIKeyNotFound is wrapped by KeyManager.DeleteKey's error for an id no
// key has; the API answers 404.
var ErrAPIKeyNotFound = errors.New("api key not found")

// APIKey is an API key as /api/v1/apikeys shows it (StackStorm's ApiKeyAPI):
// never the key itself, except Key in the answer to its creation.
type APIKey struct {
	ID        string            `json:"id"`
	User      string            `json:"user"`
	CreatedAt time.Time         `json:"created_at"`
	Enabled   bool              `json:"enabled"`
	Metadata  map[string]string `json:"metadata,omitempty"`
	Key       string            `json:"key,omitempty"`
}

// KeyManager is the store of API keys behind /api/v1/apikeys. Without one
// (WithKeyManager) those routes answer 501. Implementations store keys
// hashed and are safe for concurrent use.
type KeyManager interface {
	// CreateAPIKey makes an enabled key for user and returns it with its
	// secret in Key.
	CreateAPIKey(ctx context.Context, user string, metadata map[string]string) (APIKey, error)
	// ListAPIKeys returns every key, without secrets.
	ListAPIKeys(ctx context.Context) ([]APIKey, error)
	// DeleteAPIKey removes key id; an error wrapping ErrAPIKeyNotFound when
	// there is none.
	DeleteAPIKey(ctx context.Context, id string) error
}

// WithKeyManager serves /api/v1/apikeys from m. A request made with an API
// key sees, creates and deletes only its own user's keys; while the API is
// open (no key required), every key.
func WithKeyManager(m KeyManager) Option {
	return func(h *Handler) error {
		if m == nil {
			return errors.New("nil key manager")
		}
		h.apiKeys = m
		return nil
	}
}

// apiKeysAvailable answers 501 and returns false without a KeyManager.
func (h *Handler) apiKeysAvailable(w http.ResponseWriter) bool {
	if h.apiKeys == nil {
		writeFault(w, http.StatusNotImplemented, "this server does not manage API keys over the API: use stormless apikey --data-dir on its machine")
		return false
	}
	return true
}

// listAPIKeys serves GET /api/v1/apikeys.
func (h *Handler) listAPIKeys(w http.ResponseWriter, r *http.Request) {
	if !h.apiKeysAvailable(w) {
		return
	}
	keys, err := h.apiKeys.ListAPIKeys(r.Context())
	if err != nil {
		writeError(w, errorf("listing api keys: %w", err))
		return
	}
	out := []APIKey{}
	for _, k := range keys {
		if !keyed(r) || k.User == h.userOf(r) {
			k.Key = ""
			out = append(out, k)
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// apiKeyRequest is the body of POST /api/v1/apikeys.
type apiKeyRequest struct {
	User     string            `json:"user"`
	Metadata map[string]string `json:"metadata"`
}

// createAPIKey serves POST /api/v1/apikeys: 201 with the key, shown once.
func (h *Handler) createAPIKey(w http.ResponseWriter, r *http.Request) {
	if !h.apiKeysAvailable(w) {
		return
	}
	var req apiKeyRequest
	if err := decodeBody(r, &req); err != nil {
		writeError(w, err)
		return
	}
	if err := h.checkActAs(r, req.User); err != nil {
		writeError(w, err)
		return
	}
	k, err := h.apiKeys.CreateAPIKey(r.Context(), cmpOr(req.User, h.userOf(r)), req.Metadata)
	if err != nil {
		writeError(w, errorf("creating api key: %w", err))
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusCreated, k)
}

// deleteAPIKey serves DELETE /api/v1/apikeys/{id}: 204; 404 for an unknown
// id, 403 for another user's key when keys are required.
func (h *Handler) deleteAPIKey(w http.ResponseWriter, r *http.Request) {
	if !h.apiKeysAvailable(w) {
		return
	}
	id := r.PathValue("id")
	if keyed(r) {
		keys, err := h.apiKeys.ListAPIKeys(r.Context())
		if err != nil {
			writeError(w, errorf("listing api keys: %w", err))
			return
		}
		for _, k := range keys {
			if k.ID == id && k.User != h.userOf(r) {
				writeError(w, errorf("%w: api key %s belongs to %q", errForbidden, id, k.User))
				return
			}
		}
	}
	err := h.apiKeys.DeleteAPIKey(r.Context(), id)
	if errors.Is(err, ErrAPIKeyNotFound) {
		writeFault(w, http.StatusNotFound, "api key "+id+" not found")
		return
	}
	if err != nil {
		writeError(w, errorf("deleting api key %s: %w", id, err))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
