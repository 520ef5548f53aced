package awsapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/google/uuid"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/bus"
)

// MaxBodyBytes is the largest request body read (1 MiB); a larger one is
// refused with 413.
const MaxBodyBytes = 1 << 20

// Content types of the AWS JSON protocols.
const (
	contentJSON11 = "application/x-amz-json-1.1"
	contentJSON10 = "application/x-amz-json-1.0"
)

// Handler serves the AWS endpoints as an http.Handler, on any path: mount
// it under a prefix (stormless up uses /aws/). It is safe for concurrent
// use.
type Handler struct {
	engine Engine
	store  Store
	auth   api.Authenticator
	// keysExist, with auth, opens the endpoints until it first reports a
	// key; keysSeen records that it did.
	keysExist func(context.Context) (bool, error)
	keysSeen  atomic.Bool
	user      string
	region    string
	account   string
	ops       map[string]operation

	machines machineIndex
	names    names
	// startMu serialises starts under a name, so that two starts of one
	// name cannot both run.
	startMu sync.Mutex
	// stops keeps the error and cause StopExecution was given, by
	// execution id.
	stops sync.Map
}

var _ http.Handler = (*Handler)(nil)

// operation serves one X-Amz-Target: it decodes body and returns the
// response to encode, or an error.
type operation func(ctx context.Context, c call, body []byte) (any, *Error)

// call is what an operation knows of its request.
type call struct {
	user string
}

// Option configures New.
type Option func(*Handler) error

// WithAuth requires an API key on every request, as the access key id of
// the SigV4 signature or in St2-Api-Key; requests act as its user.
func WithAuth(a api.Authenticator) Option {
	return func(h *Handler) error {
		if a == nil {
			return errors.New("nil authenticator")
		}
		h.auth = a
		return nil
	}
}

// WithAuthOnceKeysExist requires API keys as WithAuth does from the
// moment exist first reports that a key exists; until then the endpoints
// are open, as the REST API of stormless up on loopback is (see
// api.WithAuthOnceKeysExist, whose behaviour this mirrors).
func WithAuthOnceKeysExist(a api.Authenticator, exist func(context.Context) (bool, error)) Option {
	return func(h *Handler) error {
		if a == nil || exist == nil {
			return errors.New("nil authenticator or key check")
		}
		h.auth, h.keysExist = a, exist
		return nil
	}
}

// WithUser sets the user requests act as without WithAuth (default
// api.DefaultUser).
func WithUser(user string) Option {
	return func(h *Handler) error {
		if user == "" {
			return errors.New("empty user")
		}
		h.user = user
		return nil
	}
}

// WithAccount sets the region and account of published events (default
// bus.LocalRegion and bus.LocalAccount).
func WithAccount(region, account string) Option {
	return func(h *Handler) error {
		if region == "" || account == "" {
			return errors.New("empty region or account")
		}
		h.region, h.account = region, account
		return nil
	}
}

// New returns the AWS endpoints over engine and its audit trail. It fails
// when either is nil or an option fails.
func New(engine Engine, store Store, opts ...Option) (*Handler, error) {
	if engine == nil || store == nil {
		return nil, errors.New("creating AWS endpoints: engine and store are required")
	}
	h := &Handler{engine: engine, store: store, user: api.DefaultUser, region: bus.LocalRegion, account: bus.LocalAccount}
	for _, o := range opts {
		if err := o(h); err != nil {
			return nil, fmt.Errorf("creating AWS endpoints: %w", err)
		}
	}
	h.ops = map[string]operation{
		"AWSEvents.PutEvents":                  h.putEvents,
		"AWSStepFunctions.StartExecution":      h.startExecution,
		"AWSStepFunctions.DescribeExecution":   h.describeExecution,
		"AWSStepFunctions.StopExecution":       h.stopExecution,
		"AWSStepFunctions.GetExecutionHistory": h.getExecutionHistory,
		"AWSStepFunctions.SendTaskSuccess":     h.sendTaskSuccess,
		"AWSStepFunctions.SendTaskFailure":     h.sendTaskFailure,
		"AWSStepFunctions.SendTaskHeartbeat":   h.sendTaskHeartbeat,
	}
	return h, nil
}

// ServeHTTP serves one AWS JSON protocol request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ct := responseType(r)
	w.Header().Set("X-Amzn-RequestId", uuid.NewString())
	out, err := h.serve(r)
	if err != nil {
		writeError(w, ct, err)
		return
	}
	writeJSON(w, ct, http.StatusOK, out)
}

// serve checks the request, authenticates it and runs its operation.
func (h *Handler) serve(r *http.Request) (any, *Error) {
	if r.Method != http.MethodPost {
		return nil, &Error{Code: codeUnknownOperation, Message: "the AWS JSON protocol takes POST requests, got " + r.Method, Status: http.StatusMethodNotAllowed}
	}
	target := r.Header.Get("X-Amz-Target")
	op, ok := h.ops[target]
	if !ok {
		return nil, clientError(codeUnknownOperation, "unknown operation %q in X-Amz-Target: this endpoint serves %s", target, strings.Join(h.targets(), ", "))
	}
	user, aerr := h.authenticate(r)
	if aerr != nil {
		return nil, aerr
	}
	body, aerr := readBody(r)
	if aerr != nil {
		return nil, aerr
	}
	return op(r.Context(), call{user: user}, body)
}

// targets lists the operations served.
func (h *Handler) targets() []string {
	out := make([]string, 0, len(h.ops))
	for t := range h.ops {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// responseType answers in the JSON protocol version of the request.
func responseType(r *http.Request) string {
	if strings.HasPrefix(r.Header.Get("Content-Type"), contentJSON10) {
		return contentJSON10
	}
	return contentJSON11
}

// readBody reads at most MaxBodyBytes.
func readBody(r *http.Request) ([]byte, *Error) {
	b, err := io.ReadAll(io.LimitReader(r.Body, MaxBodyBytes+1))
	if err != nil {
		return nil, clientError(codeSerialization, "reading the request body: %v", err)
	}
	if len(b) > MaxBodyBytes {
		return nil, &Error{Code: codeValidation, Message: "request body larger than 1 MiB", Status: http.StatusRequestEntityTooLarge}
	}
	return b, nil
}

// decode decodes a JSON request body into v; an empty body is {}.
func decode(body []byte, v any) *Error {
	if len(strings.TrimSpace(string(body))) == 0 {
		body = []byte("{}")
	}
	if err := json.Unmarshal(body, v); err != nil {
		return clientError(codeSerialization, "decoding the JSON request body: %v", err)
	}
	return nil
}
