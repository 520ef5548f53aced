package awsapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/stormless/stormless/internal/api"
)

// authenticate returns the user r acts as: without WithAuth the handler's
// user; with it, the user of the API key given as SigV4 access key id or
// in St2-Api-Key.
func (h *Handler) authenticate(r *http.Request) (string, *Error) {
	if required, err := h.authRequired(r.Context()); err != nil || !required {
		return h.user, err
	}
	key := accessKey(r)
	if key == "" {
		return "", &Error{Code: codeMissingToken, Status: http.StatusForbidden,
			Message: "missing API key: sign the request with the Stormless API key as access key id (any secret key), or send St2-Api-Key"}
	}
	user, err := h.auth.Authenticate(r.Context(), key)
	switch {
	case errors.Is(err, api.ErrUnauthorized):
		return "", &Error{Code: codeUnrecognized, Status: http.StatusBadRequest,
			Message: "the access key id is not a valid Stormless API key (create one with stormless apikey create)"}
	case err != nil:
		return "", internalError(err)
	}
	return user, nil
}

// authRequired reports whether requests must carry an API key now.
func (h *Handler) authRequired(ctx context.Context) (bool, *Error) {
	switch {
	case h.auth == nil:
		return false, nil
	case h.keysExist == nil || h.keysSeen.Load():
		return true, nil
	}
	exist, err := h.keysExist(ctx)
	if err != nil {
		return false, internalError(fmt.Errorf("checking for API keys: %w", err))
	}
	if exist {
		h.keysSeen.Store(true)
	}
	return exist, nil
}

// accessKey returns the API key of r: St2-Api-Key, else the access key id
// of a SigV4 Authorization header or X-Amz-Credential query parameter.
func accessKey(r *http.Request) string {
	if k := r.Header.Get(api.APIKeyHeader); k != "" {
		return k
	}
	if cred := credential(r.Header.Get("Authorization")); cred != "" {
		return cred
	}
	id, _, _ := strings.Cut(r.URL.Query().Get("X-Amz-Credential"), "/")
	return id
}

// credential extracts the access key id from "AWS4-HMAC-SHA256
// Credential=AKID/date/region/service/aws4_request, SignedHeaders=...,
// Signature=...".
func credential(authorization string) string {
	_, rest, ok := strings.Cut(authorization, "Credential=")
	if !ok {
		return ""
	}
	id, _, _ := strings.Cut(rest, "/")
	if strings.ContainsAny(id, ", ") {
		return ""
	}
	return id
}
