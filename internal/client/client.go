package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// APIKeyHeader is the header the API key travels in.
const APIKeyHeader = "St2-Api-Key"

// maxResponseBytes bounds the body of one response (not of a stream).
const maxResponseBytes = 64 << 20

// Client talks to one Stormless server. It is safe for concurrent use.
type Client struct {
	base *url.URL
	key  string
	hc   *http.Client
}

// Option configures New.
type Option func(*Client) error

// WithAPIKey sends key in the St2-Api-Key header of every request.
func WithAPIKey(key string) Option {
	return func(c *Client) error {
		if strings.ContainsAny(key, "\r\n") {
			return errors.New("the API key holds a line break")
		}
		c.key = key
		return nil
	}
}

// WithHTTPClient sends requests with hc instead of a client of its own.
// hc should have no overall Timeout, which would cut event streams short;
// bound requests with their contexts instead.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *Client) error {
		if hc == nil {
			return errors.New("nil HTTP client")
		}
		c.hc = hc
		return nil
	}
}

// New returns a client of the server at baseURL, such as
// http://127.0.0.1:9101; a trailing /api/v1 is accepted too. It fails on a
// URL that is not http or https with a host.
func New(baseURL string, opts ...Option) (*Client, error) {
	u, err := url.Parse(strings.TrimSpace(baseURL))
	if err != nil {
		return nil, fmt.Errorf("parsing server URL %q: %w", baseURL, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("server URL %q: want http://HOST:PORT or https://HOST", baseURL)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("server URL %q: give no user, query or fragment (pass the API key separately)", u.Redacted())
	}
	u.Path = strings.TrimSuffix(strings.TrimSuffix(u.Path, "/"), "/api/v1")
	c := &Client{base: u, hc: &http.Client{}}
	for _, opt := range opts {
		if err := opt(c); err != nil {
			return nil, fmt.Errorf("creating client: %w", err)
		}
	}
	return c, nil
}

// URL returns the server's base URL, without /api/v1.
func (c *Client) URL() string { return c.base.String() }

// request is one API call.
type request struct {
	method string
	path   string // escaped, under the base URL, e.g. /api/v1/executions
	query  url.Values
	body   any // encoded as JSON unless []byte
	// contentType overrides application/json for a []byte body.
	contentType string
}

// newHTTPRequest builds r's http.Request.
func (c *Client) newHTTPRequest(ctx context.Context, r request) (*http.Request, error) {
	u := *c.base
	unescaped, err := url.PathUnescape(r.path)
	if err != nil {
		return nil, fmt.Errorf("building %s %s: %w", r.method, r.path, err)
	}
	u.Path = c.base.Path + unescaped
	u.RawPath = c.base.EscapedPath() + r.path
	if len(r.query) > 0 {
		u.RawQuery = r.query.Encode()
	}
	var body io.Reader
	ct := ""
	switch b := r.body.(type) {
	case nil:
	case []byte:
		body, ct = bytes.NewReader(b), "application/json"
	default:
		j, err := json.Marshal(b)
		if err != nil {
			return nil, fmt.Errorf("encoding %s %s: %w", r.method, r.path, err)
		}
		body, ct = bytes.NewReader(j), "application/json"
	}
	if r.contentType != "" {
		ct = r.contentType
	}
	req, err := http.NewRequestWithContext(ctx, r.method, u.String(), body)
	if err != nil {
		return nil, fmt.Errorf("building %s %s: %w", r.method, r.path, err)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	req.Header.Set("Accept", "application/json")
	if c.key != "" {
		req.Header.Set(APIKeyHeader, c.key)
	}
	return req, nil
}

// apiPath returns /api/v1/<resource>, then each segment escaped.
func apiPath(resource string, segs ...string) string {
	p := "/api/v1/" + resource
	for _, s := range segs {
		p += "/" + url.PathEscape(s)
	}
	return p
}

// send sends r and returns the response when its status is 2xx; otherwise
// it reads the body into an *Error.
func (c *Client) send(ctx context.Context, r request) (*http.Response, error) {
	req, err := c.newHTTPRequest(ctx, r)
	if err != nil {
		return nil, err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s %s: %w", r.method, r.path, ctx.Err())
		}
		return nil, &UnreachableError{URL: c.URL(), Err: err}
	}
	if resp.StatusCode/100 != 2 {
		defer resp.Body.Close()
		return nil, newError(r.method, r.path, resp)
	}
	return resp, nil
}

// do sends r and decodes a JSON answer into out (unless out is nil). It
// returns the response headers.
func (c *Client) do(ctx context.Context, r request, out any) (http.Header, error) {
	resp, err := c.send(ctx, r)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if err != nil {
		return nil, fmt.Errorf("reading the answer to %s %s: %w", r.method, r.path, err)
	}
	if out != nil && len(bytes.TrimSpace(b)) > 0 {
		if err := json.Unmarshal(b, out); err != nil {
			return nil, fmt.Errorf("decoding the answer to %s %s: %w", r.method, r.path, err)
		}
	}
	return resp.Header, nil
}

// get GETs path with query into out.
func (c *Client) get(ctx context.Context, path string, query url.Values, out any) (http.Header, error) {
	return c.do(ctx, request{method: http.MethodGet, path: path, query: query}, out)
}

// Health checks that the server answers GET /api/v1/health with 200.
func (c *Client) Health(ctx context.Context) error {
	_, err := c.get(ctx, "/api/v1/health", nil, nil)
	return err
}

// getJSON GETs path with query and decodes the answer as a T.
func getJSON[T any](ctx context.Context, c *Client, path string, query url.Values) (T, error) {
	return call[T](ctx, c, request{method: http.MethodGet, path: path, query: query})
}

// call sends r and decodes the answer as a T (T's zero value on an error).
func call[T any](ctx context.Context, c *Client, r request) (T, error) {
	var out T
	if _, err := c.do(ctx, r, &out); err != nil {
		var zero T
		return zero, err
	}
	return out, nil
}
