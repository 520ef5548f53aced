package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/datastore"
	"github.com/stormless/stormless/internal/enforce"
	"github.com/stormless/stormless/internal/execution"
)

// errBadRequest marks a request the client must fix (400).
var errBadRequest = errors.New("bad request")

// errorf is fmt.Errorf, named for the package's error wrapping.
func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

// badRequest returns an error answered with 400 and msg.
func badRequest(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errBadRequest, fmt.Sprintf(format, args...))
}

// fault is StackStorm's error body.
type fault struct {
	Faultstring string `json:"faultstring"`
}

// writeFault answers with status and {"faultstring": msg}.
func writeFault(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, fault{Faultstring: msg})
}

// writeError answers with the status err calls for and its message.
func writeError(w http.ResponseWriter, err error) {
	writeFault(w, statusOf(err), err.Error())
}

// statusOf maps an error to its HTTP status.
func statusOf(err error) int {
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge), errors.Is(err, bus.ErrTooLarge):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, errBadRequest), errors.Is(err, execution.ErrInvalid),
		errors.Is(err, datastore.ErrInvalid), errors.Is(err, enforce.ErrInvalidResponse),
		errors.Is(err, execution.ErrInvalidTransition), errors.Is(err, bus.ErrInvalid):
		return http.StatusBadRequest
	case errors.Is(err, errForbidden):
		return http.StatusForbidden
	case errors.Is(err, execution.ErrNotFound), errors.Is(err, datastore.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, execution.ErrConflict):
		return http.StatusConflict
	case errors.Is(err, bus.ErrClosed):
		return http.StatusServiceUnavailable
	default:
		return http.StatusInternalServerError
	}
}

// writeJSON answers with status and v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b, _ = json.Marshal(fault{Faultstring: "encoding response: " + err.Error()})
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}
