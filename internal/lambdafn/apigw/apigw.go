// Package apigw serves an http.Handler to API Gateway HTTP API (payload
// format 2.0) events: the one REST API handler of stormless up, run by the
// api and webhook functions on AWS. It depends on aws-lambda-go's event
// types only.
package apigw

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"

	"github.com/aws/aws-lambda-go/events"
)

// Handler returns the Lambda handler that serves h: each event becomes an
// http.Request (method, raw path, query, headers, cookies, body decoded
// from base64 when API Gateway encoded it), and h's response becomes the
// event response (text bodies as is, other bodies base64; Set-Cookie as
// cookies; repeated headers joined with commas, as HTTP APIs want). A
// malformed event answers 400 without calling h.
func Handler(h http.Handler) func(ctx context.Context, ev events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	return func(ctx context.Context, ev events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
		r, err := Request(ctx, ev)
		if err != nil {
			return events.APIGatewayV2HTTPResponse{StatusCode: http.StatusBadRequest,
				Headers: map[string]string{"Content-Type": "application/json"},
				Body:    fmt.Sprintf(`{"faultstring":%q}`, err.Error())}, nil
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return Response(w.Result().StatusCode, w.Header(), w.Body.Bytes()), nil
	}
}

// authorizerKey is the context key of the Lambda authorizer's context.
type authorizerKey struct{}

// Authorizer returns the context a Lambda authorizer gave the request
// whose context ctx is (nil when none): what the authorizer function
// approved the request with.
func Authorizer(ctx context.Context) map[string]any {
	m, _ := ctx.Value(authorizerKey{}).(map[string]any)
	return m
}

// Request returns the http.Request of ev, with ctx and, when a Lambda
// authorizer approved ev, its context (see Authorizer).
func Request(ctx context.Context, ev events.APIGatewayV2HTTPRequest) (*http.Request, error) {
	if a := ev.RequestContext.Authorizer; a != nil && a.Lambda != nil {
		ctx = context.WithValue(ctx, authorizerKey{}, a.Lambda)
	}
	method := ev.RequestContext.HTTP.Method
	if method == "" {
		return nil, fmt.Errorf("reading API Gateway event: no requestContext.http.method")
	}
	path := ev.RawPath
	if path == "" {
		path = ev.RequestContext.HTTP.Path
	}
	if !strings.HasPrefix(path, "/") {
		return nil, fmt.Errorf("reading API Gateway event: path %q is not absolute", path)
	}
	u, err := url.ParseRequestURI(path)
	if err != nil {
		return nil, fmt.Errorf("reading API Gateway event: path %q: %w", path, err)
	}
	u.RawQuery = ev.RawQueryString
	body := []byte(ev.Body)
	if ev.IsBase64Encoded {
		if body, err = base64.StdEncoding.DecodeString(ev.Body); err != nil {
			return nil, fmt.Errorf("reading API Gateway event: body is not base64: %w", err)
		}
	}
	r, err := http.NewRequestWithContext(ctx, method, u.String(), bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("reading API Gateway event: %w", err)
	}
	for k, v := range ev.Headers {
		r.Header.Set(k, v)
	}
	if len(ev.Cookies) > 0 {
		r.Header.Set("Cookie", strings.Join(ev.Cookies, "; "))
	}
	r.Host = ev.RequestContext.DomainName
	if h := ev.Headers["host"]; h != "" {
		r.Host = h
	}
	r.RemoteAddr = ev.RequestContext.HTTP.SourceIP
	r.RequestURI = u.RequestURI()
	r.ContentLength = int64(len(body))
	return r, nil
}

// Response returns the event response of status, header and body.
func Response(status int, header http.Header, body []byte) events.APIGatewayV2HTTPResponse {
	resp := events.APIGatewayV2HTTPResponse{StatusCode: status, Headers: map[string]string{}}
	for k, vs := range header {
		if http.CanonicalHeaderKey(k) == "Set-Cookie" {
			resp.Cookies = append(resp.Cookies, vs...)
			continue
		}
		resp.Headers[k] = strings.Join(vs, ",")
	}
	if textual(header.Get("Content-Type"), body) {
		resp.Body = string(body)
	} else {
		resp.Body, resp.IsBase64Encoded = base64.StdEncoding.EncodeToString(body), true
	}
	return resp
}

// textual reports whether a body of content type ct travels as text.
func textual(ct string, body []byte) bool {
	if len(body) == 0 {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	return strings.HasPrefix(mt, "text/") || mt == "application/json" || strings.HasSuffix(mt, "+json") ||
		mt == "application/javascript" || mt == "application/xml" || mt == "image/svg+xml"
}
