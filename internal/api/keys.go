package api

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/stormless/stormless/internal/datastore"
)

// keyRequest is the body of PUT /api/v1/keys/{name}, StackStorm's
// KeyValuePairAPI: ttl in seconds.
type keyRequest struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Secret bool   `json:"secret"`
	Scope  string `json:"scope"`
	User   string `json:"user"`
	TTL    int    `json:"ttl"`
}

// keysAvailable answers 501 and returns false when no datastore is wired.
func (h *Handler) keysAvailable(w http.ResponseWriter) bool {
	if h.kv == nil {
		writeFault(w, http.StatusNotImplemented, "no key-value datastore is configured")
		return false
	}
	return true
}

// parseScope maps StackStorm's scope names (st2kv.system, st2kv.user,
// system, user; empty or all for both) to a datastore scope.
func parseScope(s string) (datastore.Scope, error) {
	switch strings.TrimPrefix(s, "st2kv.") {
	case "", "all":
		return "", nil
	case "system":
		return datastore.ScopeSystem, nil
	case "user":
		return datastore.ScopeUser, nil
	}
	return "", badRequest("unknown scope %q: use st2kv.system or st2kv.user", s)
}

// keyOf returns the key the path's name, scope and user name (system scope
// by default; the request's user for user scope without user).
func (h *Handler) keyOf(r *http.Request, scope, user string) (datastore.Key, error) {
	sc, err := parseScope(scope)
	if err == nil {
		err = h.checkActAs(r, user)
	}
	if err != nil {
		return datastore.Key{}, err
	}
	k := datastore.Key{Scope: sc, Name: r.PathValue("name")}
	if k.Scope == "" {
		k.Scope = datastore.ScopeSystem
	}
	if k.Scope == datastore.ScopeUser {
		k.User = cmpOr(user, h.userOf(r))
	}
	return k, nil
}

// cmpOr returns a unless it is empty, else b.
func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// wantDecrypt reports whether the request asks for decrypted secrets.
func wantDecrypt(v url.Values) bool {
	return v.Get("decrypt") == "true" || v.Get("decrypt") == "True" || v.Get("decrypt") == "1"
}

// listKeys serves GET /api/v1/keys: scope, user, prefix, limit, offset,
// marker (as the other listings: offset items skipped from marker on);
// with decrypt=true each secret is read back decrypted.
func (h *Handler) listKeys(w http.ResponseWriter, r *http.Request) {
	if !h.keysAvailable(w) {
		return
	}
	q, p, err := h.keysQuery(r)
	if err != nil {
		writeError(w, err)
		return
	}
	page, err := h.listKeysFrom(r.Context(), q, p.offset)
	if err == nil && wantDecrypt(r.URL.Query()) {
		err = h.decryptAll(r, page.Items)
	}
	if err != nil {
		writeError(w, errorf("listing keys: %w", err))
		return
	}
	if page.Items == nil {
		page.Items = []datastore.KeyValue{}
	}
	writePage(w, p, page.Items, page.Next)
}

// keysQuery reads a keys listing's filters and paging.
func (h *Handler) keysQuery(r *http.Request) (datastore.Query, paging, error) {
	v := r.URL.Query()
	sc, err := parseScope(v.Get("scope"))
	if err == nil {
		err = h.checkActAs(r, v.Get("user"))
	}
	if err != nil {
		return datastore.Query{}, paging{}, err
	}
	p, err := parsePaging(v)
	q := datastore.Query{Scope: sc, User: v.Get("user"), Prefix: v.Get("prefix"), Limit: p.limit, Token: p.marker}
	if keyed(r) {
		q.User = h.userOf(r) // a key sees its own user's items only
	}
	return q, p, err
}

// listKeysFrom skips offset items of q's listing from q.Token on, then
// returns one page of q.Limit items (fetchPage's paging, over the
// datastore's pages).
func (h *Handler) listKeysFrom(ctx context.Context, q datastore.Query, offset int) (datastore.Page, error) {
	for skip := offset; skip > 0; {
		sq := q
		sq.Limit = min(skip, maxKeysPage)
		page, err := h.kv.List(ctx, sq)
		if err != nil {
			return datastore.Page{}, err
		}
		skip -= len(page.Items)
		if page.Next == "" {
			return datastore.Page{}, nil
		}
		q.Token = page.Next
	}
	return h.kv.List(ctx, q)
}

// maxKeysPage is the largest page the datastore lists (datastore.Query).
const maxKeysPage = 1000

// decryptAll replaces each secret in items with its decrypted form.
func (h *Handler) decryptAll(r *http.Request, items []datastore.KeyValue) error {
	for i, kv := range items {
		if !kv.Secret {
			continue
		}
		plain, err := h.kv.Get(r.Context(), kv.Key(), true)
		if err != nil {
			return errorf("decrypting %s: %w", kv.Key(), err)
		}
		items[i] = plain
	}
	return nil
}

// getKey serves GET /api/v1/keys/{name}: scope, user, decrypt.
func (h *Handler) getKey(w http.ResponseWriter, r *http.Request) {
	if !h.keysAvailable(w) {
		return
	}
	v := r.URL.Query()
	k, err := h.keyOf(r, v.Get("scope"), v.Get("user"))
	if err != nil {
		writeError(w, err)
		return
	}
	kv, err := h.kv.Get(r.Context(), k, wantDecrypt(v))
	if err != nil {
		writeError(w, errorf("getting key %s: %w", k, err))
		return
	}
	writeJSON(w, http.StatusOK, kv)
}

// putKey serves PUT /api/v1/keys/{name}: creates or replaces the item and
// answers with it as stored (a secret's value encrypted).
func (h *Handler) putKey(w http.ResponseWriter, r *http.Request) {
	if !h.keysAvailable(w) {
		return
	}
	var req keyRequest
	if err := decodeBody(r, &req); err != nil {
		writeError(w, err)
		return
	}
	k, err := h.checkPutKey(r, req)
	if err != nil {
		writeError(w, err)
		return
	}
	opts := datastore.SetOptions{Secret: req.Secret, TTL: time.Duration(req.TTL) * time.Second}
	kv, err := h.kv.Set(r.Context(), k, req.Value, opts)
	if err != nil {
		writeError(w, errorf("setting key %s: %w", k, err))
		return
	}
	writeJSON(w, http.StatusOK, kv)
}

// checkPutKey returns the key a PUT names, refusing a body naming another.
func (h *Handler) checkPutKey(r *http.Request, req keyRequest) (datastore.Key, error) {
	if req.Name != "" && req.Name != r.PathValue("name") {
		return datastore.Key{}, badRequest("name %q in the body differs from %q in the path", req.Name, r.PathValue("name"))
	}
	if req.TTL < 0 {
		return datastore.Key{}, badRequest("ttl must not be negative")
	}
	if req.Scope == "all" {
		return datastore.Key{}, badRequest("scope must be st2kv.system or st2kv.user")
	}
	return h.keyOf(r, req.Scope, req.User)
}

// deleteKey serves DELETE /api/v1/keys/{name}: scope, user; 204.
func (h *Handler) deleteKey(w http.ResponseWriter, r *http.Request) {
	if !h.keysAvailable(w) {
		return
	}
	v := r.URL.Query()
	k, err := h.keyOf(r, v.Get("scope"), v.Get("user"))
	if err == nil {
		err = h.kv.Delete(r.Context(), k)
	}
	if err != nil {
		writeError(w, errorf("deleting key %s: %w", k, err))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
