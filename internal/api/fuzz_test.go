package api

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"
)

// FuzzWebhookBody feeds arbitrary bodies and content types to the webhook
// body decoder: it must return a value or a bad request, never panic.
func FuzzWebhookBody(f *testing.F) {
	f.Add([]byte(`{"name": "Ada"}`), "application/json")
	f.Add([]byte(`name=Ada&x=1`), "application/x-www-form-urlencoded")
	f.Add([]byte(`plain text`), "text/plain")
	f.Add([]byte(`{"a": [1, 2, {"b": null}]} trailing`), "")
	f.Add([]byte(`%zz=1`), "application/x-www-form-urlencoded; charset=utf-8")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		r := httptest.NewRequest(http.MethodPost, "/api/v1/webhooks/x", bytes.NewReader(body))
		r.Header.Set("Content-Type", contentType)
		if _, err := webhookBody(r, body); err != nil && statusOf(err) != http.StatusBadRequest {
			t.Errorf("got status %d for %v, want 400", statusOf(err), err)
		}
	})
}
