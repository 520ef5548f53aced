package httprunner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/stormless/stormless/internal/runner"
)

// DefaultTimeout is the request timeout when the timeout parameter is
// absent, as in StackStorm.
const DefaultTimeout = 60 * time.Second

// UserAgent is the User-Agent every request carries, overriding the
// headers parameter as StackStorm does.
const UserAgent = "st2/stormless"

// maxBody bounds the response body kept in the result.
const maxBody = 32 << 20

// Runner is the http-request runner. It is safe for concurrent use.
type Runner struct {
	transport http.RoundTripper // nil: a new transport per request
}

var _ runner.Runner = (*Runner)(nil)

// Option configures a Runner.
type Option func(*Runner) error

// WithTransport makes every request go through rt (tests, custom TLS
// roots); proxies and verify_ssl_cert are then rt's business.
func WithTransport(rt http.RoundTripper) Option {
	return func(r *Runner) error { r.transport = rt; return nil }
}

// New returns the http-request runner.
func New(opts ...Option) (*Runner, error) {
	r := &Runner{}
	for _, o := range opts {
		if err := o(r); err != nil {
			return nil, fmt.Errorf("configuring http runner: %w", err)
		}
	}
	return r, nil
}

// Run implements runner.Runner.
func (r *Runner) Run(ctx context.Context, req runner.Request) (runner.Result, error) {
	s, err := readSettings(req)
	if err != nil {
		return fail(req, err)
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	hreq, err := s.request(ctx, req.Action.Name)
	if err != nil {
		return fail(req, err)
	}
	resp, err := r.send(r.client(s), s, hreq)
	if err != nil {
		return requestError(ctx, req, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return requestError(ctx, req, err)
	}
	return result(resp, body), nil
}

func fail(req runner.Request, err error) (runner.Result, error) {
	err = req.RedactError(fmt.Errorf("preparing request for %s: %w", req.Action.Ref, err))
	return runner.Failed(err), err
}

// requestError turns a failed round trip into StackStorm's result: status
// timeout with {"error": ...} on a timeout, canceled when the caller gave
// up, else failed.
func requestError(ctx context.Context, req runner.Request, err error) (runner.Result, error) {
	err = req.RedactError(fmt.Errorf("requesting %s: %w", req.Action.Ref, err))
	switch {
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return runner.Result{Status: runner.StatusTimeout, Result: map[string]any{"error": err.Error()}}, nil
	case errors.Is(ctx.Err(), context.Canceled):
		return runner.Result{Status: runner.StatusCanceled, Result: map[string]any{"error": err.Error()}}, nil
	}
	return runner.Failed(err), err
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// send does the request, answering a Digest challenge once when s asks
// for digest auth.
func (r *Runner) send(c *http.Client, s settings, req *http.Request) (*http.Response, error) {
	resp, err := c.Do(req)
	if err != nil || !s.digest() || resp.StatusCode != http.StatusUnauthorized {
		return resp, err
	}
	ch, ok := parseDigest(resp)
	if !ok {
		return resp, nil
	}
	resp.Body.Close()
	retry := req.Clone(req.Context())
	if req.GetBody != nil {
		if retry.Body, err = req.GetBody(); err != nil {
			return nil, fmt.Errorf("rewinding the request body: %w", err)
		}
	}
	authz, err := ch.authorization(retry, s.username, s.password)
	if err != nil {
		return nil, err
	}
	retry.Header.Set("Authorization", authz)
	return c.Do(retry)
}
