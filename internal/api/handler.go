package api

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/stormless/stormless/internal/datastore"
	"github.com/stormless/stormless/internal/execution"
)

// MaxBodyBytes is the largest request body the API reads (1 MiB); a larger
// one is refused with 413.
const MaxBodyBytes = 1 << 20

// DefaultUser is the user requests act as until authentication names one
// (StackStorm's "stanley").
const DefaultUser = "stanley"

// Handler is the REST API as an http.Handler. It is safe for concurrent use.
type Handler struct {
	engine   Engine
	store    execution.Store
	kv       datastore.Store
	user     string
	notifier Notifier
	auth     Authenticator
	// keysExist, when set, makes auth apply once some key exists
	// (keysSeen).
	keysExist func(context.Context) (bool, error)
	keysSeen  atomic.Bool
	apiKeys   KeyManager
	mux       *http.ServeMux

	hooks         hooks
	secrets       secretCache // webhook HMAC secrets, see webhooksig.go
	closeOnce     sync.Once
	streamsClosed chan struct{}
}

var _ http.Handler = (*Handler)(nil)

// Option configures New.
type Option func(*Handler) error

// WithDatastore serves /api/v1/keys from kv; without it those routes answer
// 501.
func WithDatastore(kv datastore.Store) Option {
	return func(h *Handler) error {
		if kv == nil {
			return errors.New("nil datastore")
		}
		h.kv = kv
		return nil
	}
}

// WithUser sets the user requests act as (DefaultUser otherwise).
func WithUser(user string) Option {
	return func(h *Handler) error {
		if user == "" {
			return errors.New("empty user")
		}
		h.user = user
		return nil
	}
}

// New returns the API over engine and its audit trail store. It fails when
// either is nil or an option fails.
func New(engine Engine, store execution.Store, opts ...Option) (*Handler, error) {
	if engine == nil || store == nil {
		return nil, errors.New("creating api: engine and store are required")
	}
	h := &Handler{engine: engine, store: store, user: DefaultUser, mux: http.NewServeMux(),
		streamsClosed: make(chan struct{})}
	for _, opt := range opts {
		if err := opt(h); err != nil {
			return nil, errorf("creating api: %w", err)
		}
	}
	if h.notifier == nil {
		h.notifier = newPoller(store, pollInterval)
	}
	h.routes()
	return h, nil
}

// ServeHTTP serves one request, reading at most MaxBodyBytes of its body,
// after checking its API key when WithAuth was given.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
	if r = h.authenticate(w, r); r != nil {
		h.mux.ServeHTTP(w, r)
	}
}

// CloseStreams ends every open event stream and makes new ones end at once,
// so that a server shutting down (http.Server.RegisterOnShutdown) need not
// wait for them. Other requests are served as before. It is idempotent.
func (h *Handler) CloseStreams() {
	h.closeOnce.Do(func() { close(h.streamsClosed) })
}
