package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// ErrUnreachable is wrapped by the error of a request that reached no
// server: connection refused, unknown host, TLS failure.
var ErrUnreachable = errors.New("server unreachable")

// UnreachableError is the error of a request that reached no server at URL.
type UnreachableError struct {
	URL string
	Err error
}

// Error names the server's URL and the transport's failure.
func (e *UnreachableError) Error() string {
	return fmt.Sprintf("cannot reach the Stormless server at %s: %v", e.URL, e.Err)
}

// Unwrap returns ErrUnreachable and the transport's error.
func (e *UnreachableError) Unwrap() []error { return []error{ErrUnreachable, e.Err} }

// Error is a non-2xx answer from the server: its status and StackStorm's
// faultstring (or the start of the body when it holds none).
type Error struct {
	Method string
	Path   string
	Status int
	Fault  string
}

// Error reads "METHOD PATH: HTTP status text: fault".
func (e *Error) Error() string {
	return fmt.Sprintf("%s %s: HTTP %d %s: %s", e.Method, e.Path, e.Status, http.StatusText(e.Status), e.Fault)
}

// maxFaultBytes bounds how much of an error body is read.
const maxFaultBytes = 64 << 10

// newError reads resp's body into an *Error.
func newError(method, path string, resp *http.Response) *Error {
	b, _ := io.ReadAll(io.LimitReader(resp.Body, maxFaultBytes))
	e := &Error{Method: method, Path: path, Status: resp.StatusCode}
	var f struct {
		Faultstring string `json:"faultstring"`
	}
	if json.Unmarshal(b, &f) == nil && f.Faultstring != "" {
		e.Fault = f.Faultstring
		return e
	}
	e.Fault = strings.TrimSpace(string(b))
	if r := []rune(e.Fault); len(r) > 200 {
		e.Fault = string(r[:200]) + "..."
	}
	if e.Fault == "" {
		e.Fault = "(empty answer)"
	}
	return e
}

// StatusOf returns the HTTP status of an *Error in err's chain, or 0.
func StatusOf(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.Status
	}
	return 0
}

// IsNotFound reports whether err is a 404 answer.
func IsNotFound(err error) bool { return StatusOf(err) == http.StatusNotFound }
