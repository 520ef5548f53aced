package interp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// httpInvoke serves arn:aws:states:::http:invoke with a real HTTP request:
// ApiEndpoint, Method, Headers, QueryParameters and RequestBody. A non-2xx
// status fails with States.Http.StatusCode.<code>.
func (in *Interpreter) httpInvoke(ctx context.Context, req *TaskRequest) (any, error) {
	p, _ := req.Parameters.(map[string]any)
	hreq, err := buildHTTPRequest(ctx, p)
	if err != nil {
		return nil, fail(ErrTaskFailed, "building HTTP request: %v", err)
	}
	resp, err := in.httpClient.Do(hreq)
	if err != nil {
		return nil, fail("States.Http.Socket", "%v", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxPayloadBytes+1))
	if err != nil {
		return nil, fail("States.Http.Socket", "reading response: %v", err)
	}
	out := httpResult(resp, body)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fail(fmt.Sprintf("States.Http.StatusCode.%d", resp.StatusCode), "%s", mustJSON(out))
	}
	return out, nil
}

func buildHTTPRequest(ctx context.Context, p map[string]any) (*http.Request, error) {
	endpoint, _ := p["ApiEndpoint"].(string)
	method, _ := p["Method"].(string)
	u, err := url.Parse(endpoint)
	if err != nil {
		return nil, fmt.Errorf("parsing ApiEndpoint: %w", err)
	}
	q := u.Query()
	for k, v := range asObject(p["QueryParameters"]) {
		q.Set(k, stringOf(v))
	}
	u.RawQuery = q.Encode()
	var body io.Reader
	if b, ok := p["RequestBody"]; ok {
		if s, isStr := b.(string); isStr {
			body = strings.NewReader(s)
		} else {
			body = bytes.NewReader(mustJSON(b))
		}
	}
	hreq, err := http.NewRequestWithContext(ctx, strings.ToUpper(method), u.String(), body)
	if err != nil {
		return nil, fmt.Errorf("creating request: %w", err)
	}
	for k, v := range asObject(p["Headers"]) {
		hreq.Header.Set(k, stringOf(v))
	}
	if body != nil && hreq.Header.Get("Content-Type") == "" {
		hreq.Header.Set("Content-Type", "application/json")
	}
	return hreq, nil
}

func httpResult(resp *http.Response, body []byte) map[string]any {
	headers := map[string]any{}
	for k, v := range resp.Header {
		vals := make([]any, len(v))
		for i, s := range v {
			vals[i] = s
		}
		headers[k] = vals
	}
	var decoded any = string(body)
	var j any
	if json.Unmarshal(body, &j) == nil {
		decoded = j
	}
	return map[string]any{"Headers": headers, "ResponseBody": decoded,
		"StatusCode": float64(resp.StatusCode), "StatusText": http.StatusText(resp.StatusCode)}
}

func asObject(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}
