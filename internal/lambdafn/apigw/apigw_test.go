package apigw

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

func fixture(t *testing.T, name string) events.APIGatewayV2HTTPRequest {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var ev events.APIGatewayV2HTTPRequest
	if err := json.Unmarshal(b, &ev); err != nil {
		t.Fatal(err)
	}
	return ev
}

func TestRequest(t *testing.T) {
	var got *http.Request
	var body string
	h := Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		b, _ := io.ReadAll(r.Body)
		body = string(b)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Add("X-Multi", "a")
		w.Header().Add("X-Multi", "b")
		http.SetCookie(w, &http.Cookie{Name: "s", Value: "1"})
		w.WriteHeader(http.StatusAccepted)
		_, _ = w.Write([]byte(`{"ok":true}`))
	}))
	resp, err := h(t.Context(), fixture(t, "post-webhook.json"))
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ name, got, want string }{
		{"method", got.Method, "POST"},
		{"path", got.URL.Path, "/api/v1/webhooks/sample"},
		{"query", got.URL.Query()["x"][1], "2"},
		{"query key", got.URL.Query().Get("st2-api-key"), "k1"},
		{"header", got.Header.Get("St2-Api-Key"), "k2"},
		{"cookie", got.Header.Get("Cookie"), "a=1; b=2"},
		{"host", got.Host, "abc123.execute-api.eu-west-1.amazonaws.com"},
		{"remote", got.RemoteAddr, "203.0.113.7"},
		{"body", body, `{"name":"Ada"}`},
		{"authorizer user", fmt.Sprint(Authorizer(got.Context())["user"]), "alice"},
		{"response body", resp.Body, `{"ok":true}`},
		{"response multi header", resp.Headers["X-Multi"], "a,b"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
	if resp.StatusCode != http.StatusAccepted || resp.IsBase64Encoded || len(resp.Cookies) != 1 || resp.Cookies[0] != "s=1" {
		t.Errorf("response: got %+v, want 202, text body, cookie s=1", resp)
	}
}

func TestBinaryResponse(t *testing.T) {
	h := Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write([]byte{0x89, 'P', 'N', 'G'})
	}))
	ev := fixture(t, "post-webhook.json")
	resp, err := h(t.Context(), ev)
	if err != nil {
		t.Fatal(err)
	}
	if !resp.IsBase64Encoded || resp.Body != "iVBORw==" {
		t.Errorf("got body %q (base64 %v), want iVBORw== base64", resp.Body, resp.IsBase64Encoded)
	}
}

func TestMalformedEvents(t *testing.T) {
	called := false
	h := Handler(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { called = true }))
	tests := []struct {
		name string
		edit func(*events.APIGatewayV2HTTPRequest)
	}{
		{"no method", func(e *events.APIGatewayV2HTTPRequest) { e.RequestContext.HTTP.Method = "" }},
		{"bad base64", func(e *events.APIGatewayV2HTTPRequest) { e.Body = "%%%" }},
		{"relative path", func(e *events.APIGatewayV2HTTPRequest) { e.RawPath = "api" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := fixture(t, "post-webhook.json")
			tt.edit(&ev)
			resp, err := h(t.Context(), ev)
			if err != nil || resp.StatusCode != http.StatusBadRequest || called {
				t.Errorf("got %d, %v (handler called %v), want 400 without calling it", resp.StatusCode, err, called)
			}
		})
	}
}
