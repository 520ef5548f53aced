package httprunner

import (
	"encoding/json"
	"mime"
	"net/http"
	"strings"

	"github.com/stormless/stormless/internal/runner"
)

// result is StackStorm's http-request result: {status_code, body, parsed,
// headers}; the body is decoded when the content type is application/json
// (parsed tells whether it was), headers with several values are joined
// with ", ".
func result(resp *http.Response, body []byte) runner.Result {
	parsedBody, parsed := parseBody(resp.Header.Get("Content-Type"), body)
	headers := make(map[string]any, len(resp.Header))
	for k, vs := range resp.Header {
		headers[k] = strings.Join(vs, ", ")
	}
	status := runner.StatusFailed
	if resp.StatusCode >= 200 && resp.StatusCode <= 206 {
		status = runner.StatusSucceeded
	}
	return runner.Result{Status: status, Result: map[string]any{
		"status_code": resp.StatusCode, "body": parsedBody, "parsed": parsed, "headers": headers,
	}}
}

func parseBody(contentType string, body []byte) (any, bool) {
	mt, _, _ := mime.ParseMediaType(contentType)
	if mt != "application/json" {
		return string(body), false
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return string(body), false
	}
	return v, true
}
