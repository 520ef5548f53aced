package api

import (
	"context"
	"errors"
	"net/http"
)

// ErrUnauthorized is returned (wrapped) by an Authenticator for a missing,
// unknown or revoked API key; the API answers 401.
var ErrUnauthorized = errors.New("unauthorized")

// APIKeyHeader is the header StackStorm clients send their API key in;
// APIKeyParam is the query parameter that may carry it instead.
const (
	APIKeyHeader = "St2-Api-Key"
	APIKeyParam  = "st2-api-key"
)

// Authenticator checks API keys. Implementations store keys hashed and are
// safe for concurrent use.
type Authenticator interface {
	// Authenticate returns the user key belongs to; an error wrapping
	// ErrUnauthorized when the key is empty or not valid.
	Authenticate(ctx context.Context, key string) (user string, err error)
}

// WithAuth requires an API key (APIKeyHeader, or APIKeyParam) on every
// request but GET /api/v1/health; requests then act as the key's user.
// Without it the API is open and acts as DefaultUser (or WithUser's).
func WithAuth(a Authenticator) Option {
	return func(h *Handler) error {
		if a == nil {
			return errors.New("nil authenticator")
		}
		h.auth = a
		return nil
	}
}

// WithAuthOnceKeysExist requires API keys as WithAuth does from the moment
// exist first reports that a key exists; until then the API is open, as
// stormless up is on loopback before the first key is created. exist is
// asked on every request while the API is open (so a key created by
// another process takes effect on the next request, without a restart);
// once it has reported true, keys stay required until the Handler is
// created again: deleting every key does not reopen the API. An exist
// error answers 500 and opens nothing.
func WithAuthOnceKeysExist(a Authenticator, exist func(context.Context) (bool, error)) Option {
	return func(h *Handler) error {
		if a == nil || exist == nil {
			return errors.New("nil authenticator or key check")
		}
		h.auth, h.keysExist = a, exist
		return nil
	}
}

// authRequired reports whether r must carry an API key.
func (h *Handler) authRequired(r *http.Request) (bool, error) {
	switch {
	case h.auth == nil:
		return false, nil
	case h.keysExist == nil || h.keysSeen.Load():
		return true, nil
	}
	exist, err := h.keysExist(r.Context())
	if err != nil {
		return false, errorf("checking for API keys: %w", err)
	}
	if exist {
		h.keysSeen.Store(true)
	}
	return exist, nil
}

// userKey is the context key of the authenticated user.
type userKey struct{}

// authenticate returns r with its user in the context, or answers 401 and
// returns nil.
func (h *Handler) authenticate(w http.ResponseWriter, r *http.Request) *http.Request {
	if r.Method == http.MethodGet && r.URL.Path == "/api/v1/health" {
		return r
	}
	required, err := h.authRequired(r)
	if err != nil {
		writeError(w, err)
		return nil
	}
	if !required {
		return r
	}
	key := r.Header.Get(APIKeyHeader)
	if key == "" {
		key = r.URL.Query().Get(APIKeyParam)
	}
	user, err := h.auth.Authenticate(r.Context(), key)
	if err != nil {
		status := http.StatusInternalServerError
		if errors.Is(err, ErrUnauthorized) {
			status = http.StatusUnauthorized
		}
		writeFault(w, status, "authenticating: "+err.Error())
		return nil
	}
	return r.WithContext(context.WithValue(r.Context(), userKey{}, user))
}

// keyed reports whether r was authenticated with an API key.
func keyed(r *http.Request) bool {
	u, ok := r.Context().Value(userKey{}).(string)
	return ok && u != ""
}

// userOf returns the user r acts as: its API key's, else the handler's.
func (h *Handler) userOf(r *http.Request) string {
	if u, ok := r.Context().Value(userKey{}).(string); ok && u != "" {
		return u
	}
	return h.user
}

// errForbidden marks a request for another user's resources (403).
var errForbidden = errors.New("forbidden")

// checkActAs refuses, when keys are required, a request naming a user other
// than its key's: a key acts for its own user only.
func (h *Handler) checkActAs(r *http.Request, user string) error {
	if keyed(r) && user != "" && user != h.userOf(r) {
		return errorf("%w: acting as %q with the key of %q", errForbidden, user, h.userOf(r))
	}
	return nil
}
