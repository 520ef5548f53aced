package httprunner

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/runner"
)

// echo answers with a JSON document describing the request it got.
func echo(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	user, pass, _ := r.BasicAuth()
	cookies := map[string]string{}
	for _, c := range r.Cookies() {
		cookies[c.Name] = c.Value
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Add("X-Multi", "a")
	w.Header().Add("X-Multi", "b")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"method": r.Method, "path": r.URL.Path, "query": r.URL.RawQuery, "body": string(body),
		"content_type": r.Header.Get("Content-Type"), "agent": r.Header.Get("User-Agent"),
		"action": r.Header.Get("X-Stanley-Action"), "custom": r.Header.Get("X-Custom"),
		"user": user, "pass": pass, "cookies": cookies,
	})
}

func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/echo", echo)
	mux.HandleFunc("/text", func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "plain") })
	mux.HandleFunc("/status/{code}", func(w http.ResponseWriter, r *http.Request) {
		code := map[string]int{"201": 201, "206": 206, "207": 207, "404": 404, "500": 500}[r.PathValue("code")]
		w.WriteHeader(code)
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/text", http.StatusFound) })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/badjson", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, "{not json")
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func request(params map[string]any) runner.Request {
	return runner.Request{
		ExecutionID: "e1",
		Action: runner.Action{Ref: "core.http", Name: "http", Parameters: map[string]runner.Param{
			"password": {Type: "string", Secret: true, Runner: true},
		}},
		Parameters: params,
	}
}

func mustNew(t *testing.T) *Runner {
	t.Helper()
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRequests(t *testing.T) {
	srv := newServer(t)
	tests := []struct {
		name       string
		params     map[string]any
		wantStatus runner.Status
		wantCode   int
		wantParsed bool
		wantEcho   map[string]any // fields of the echoed request
	}{
		{
			name:       "get",
			params:     map[string]any{"url": srv.URL + "/echo"},
			wantStatus: runner.StatusSucceeded, wantCode: 200, wantParsed: true,
			wantEcho: map[string]any{"method": "GET", "agent": UserAgent, "action": "http"},
		},
		{
			name:       "body makes a post",
			params:     map[string]any{"url": srv.URL + "/echo", "body": "hello"},
			wantStatus: runner.StatusSucceeded, wantCode: 200, wantParsed: true,
			wantEcho: map[string]any{"method": "POST", "body": "hello"},
		},
		{
			name:       "json body re-encoded",
			params:     map[string]any{"url": srv.URL + "/echo", "method": "put", "body": `{"a": [1, 2]}`, "headers": map[string]any{"Content-Type": "application/json", "X-Custom": "c"}},
			wantStatus: runner.StatusSucceeded, wantCode: 200, wantParsed: true,
			wantEcho: map[string]any{"method": "PUT", "body": `{"a":[1,2]}`, "content_type": "application/json", "custom": "c"},
		},
		{
			name:       "object body is a form",
			params:     map[string]any{"url": srv.URL + "/echo", "body": map[string]any{"k": "v w"}},
			wantStatus: runner.StatusSucceeded, wantCode: 200, wantParsed: true,
			wantEcho: map[string]any{"body": "k=v+w", "content_type": "application/x-www-form-urlencoded"},
		},
		{
			name:       "params cookies and basic auth",
			params:     map[string]any{"url": srv.URL + "/echo?x=1", "params": map[string]any{"b": true, "l": []any{"p", "q"}, "n": nil}, "cookies": map[string]any{"sid": "42"}, "username": "u", "password": "s3cret"},
			wantStatus: runner.StatusSucceeded, wantCode: 200, wantParsed: true,
			wantEcho: map[string]any{"query": "b=True&l=p&l=q&x=1", "cookies": map[string]any{"sid": "42"}, "user": "u", "pass": "s3cret"},
		},
		{name: "text body", params: map[string]any{"url": srv.URL + "/text"}, wantStatus: runner.StatusSucceeded, wantCode: 200},
		{name: "201 succeeds", params: map[string]any{"url": srv.URL + "/status/201"}, wantStatus: runner.StatusSucceeded, wantCode: 201},
		{name: "206 succeeds", params: map[string]any{"url": srv.URL + "/status/206"}, wantStatus: runner.StatusSucceeded, wantCode: 206},
		{name: "207 fails", params: map[string]any{"url": srv.URL + "/status/207"}, wantStatus: runner.StatusFailed, wantCode: 207},
		{name: "404 fails", params: map[string]any{"url": srv.URL + "/status/404"}, wantStatus: runner.StatusFailed, wantCode: 404},
		{name: "500 fails", params: map[string]any{"url": srv.URL + "/status/500"}, wantStatus: runner.StatusFailed, wantCode: 500},
		{name: "redirect not followed", params: map[string]any{"url": srv.URL + "/redirect"}, wantStatus: runner.StatusFailed, wantCode: 302},
		{name: "redirect followed", params: map[string]any{"url": srv.URL + "/redirect", "allow_redirects": true}, wantStatus: runner.StatusSucceeded, wantCode: 200},
		{name: "bad json stays text", params: map[string]any{"url": srv.URL + "/badjson"}, wantStatus: runner.StatusSucceeded, wantCode: 200, wantParsed: false},
	}
	r := mustNew(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.Run(t.Context(), request(tt.params))
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			m := res.Result.(map[string]any)
			if res.Status != tt.wantStatus || m["status_code"] != tt.wantCode || m["parsed"] != tt.wantParsed {
				t.Fatalf("got %s %v parsed=%v, want %s %d parsed=%v", res.Status, m["status_code"], m["parsed"], tt.wantStatus, tt.wantCode, tt.wantParsed)
			}
			if tt.wantEcho == nil {
				return
			}
			got := m["body"].(map[string]any)
			for k, want := range tt.wantEcho {
				if !reflect.DeepEqual(got[k], want) {
					t.Errorf("request %s: got %#v, want %#v", k, got[k], want)
				}
			}
			if h := m["headers"].(map[string]any)["X-Multi"]; h != "a, b" {
				t.Errorf("X-Multi header: got %v, want a, b", h)
			}
		})
	}
}

func TestTimeout(t *testing.T) {
	srv := newServer(t)
	start := time.Now()
	res, err := mustNew(t).Run(t.Context(), request(map[string]any{"url": srv.URL + "/slow", "timeout": 0.3}))
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if res.Status != runner.StatusTimeout {
		t.Errorf("got %s, want timeout", res.Status)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %s, want about 0.3s", d)
	}
}

func TestFailures(t *testing.T) {
	srv := newServer(t)
	host := strings.TrimPrefix(srv.URL, "http://")
	host = host[:strings.LastIndexByte(host, ':')]
	tests := []struct {
		name    string
		params  map[string]any
		wantErr string
		wantIs  error
	}{
		{name: "no url", params: map[string]any{}, wantErr: "URL must be specified"},
		{name: "blacklisted", params: map[string]any{"url": srv.URL + "/echo", "url_hosts_blacklist": []any{host}}, wantIs: ErrHostNotAllowed},
		{name: "not whitelisted", params: map[string]any{"url": srv.URL + "/echo", "url_hosts_whitelist": []any{"example.com"}}, wantIs: ErrHostNotAllowed},
		{name: "both lists", params: map[string]any{"url": srv.URL, "url_hosts_whitelist": []any{"a"}, "url_hosts_blacklist": []any{"b"}}, wantErr: "mutually exclusive"},
		{name: "bad json body", params: map[string]any{"url": srv.URL + "/echo", "body": "{x", "headers": map[string]any{"content-type": "application/json"}}, wantErr: "can't be parsed as JSON"},
		{name: "connection refused hides password", params: map[string]any{"url": "http://u:s3cret@127.0.0.1:1/", "password": "s3cret"}, wantErr: "connect"},
	}
	r := mustNew(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.Run(t.Context(), request(tt.params))
			if err == nil || res.Status != runner.StatusFailed {
				t.Fatalf("got %s %v, want failed with an error", res.Status, err)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("got %v, want %v", err, tt.wantIs)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("got %q, want it to contain %q", err, tt.wantErr)
			}
			msg := res.Result.(map[string]any)["error"].(string)
			if msg != err.Error() || strings.Contains(msg, "s3cret") {
				t.Errorf("result error %q: want the error's text without the secret", msg)
			}
		})
	}
}

func TestVerifySSL(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "tls") }))
	t.Cleanup(srv.Close)
	r := mustNew(t)
	if res, err := r.Run(t.Context(), request(map[string]any{"url": srv.URL})); err == nil || res.Status != runner.StatusFailed {
		t.Errorf("self-signed certificate: got %s %v, want failed", res.Status, err)
	}
	res, err := r.Run(t.Context(), request(map[string]any{"url": srv.URL, "verify_ssl_cert": false}))
	if err != nil || res.Result.(map[string]any)["body"] != "tls" {
		t.Errorf("verify_ssl_cert false: got %v %v, want body tls", res.Result, err)
	}
}

func TestFileUpload(t *testing.T) {
	var got, gotName string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, h, err := r.FormFile("data.txt")
		if err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		b, _ := io.ReadAll(f)
		got, gotName = string(b), h.Filename
	}))
	t.Cleanup(srv.Close)
	res, err := mustNew(t).Run(t.Context(), request(map[string]any{"url": srv.URL, "file_name": "data.txt", "file_content": "content", "file_content_type": "text/plain"}))
	if err != nil || res.Status != runner.StatusSucceeded {
		t.Fatalf("got %s %v, want succeeded", res.Status, err)
	}
	if got != "content" || gotName != "data.txt" {
		t.Errorf("got file %q named %q, want content named data.txt", got, gotName)
	}
}

func TestHTTPProxy(t *testing.T) {
	var got string
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.URL.String()
		_, _ = io.WriteString(w, "proxied")
	}))
	t.Cleanup(proxy.Close)
	res, err := mustNew(t).Run(t.Context(), request(map[string]any{"url": "http://stormless.invalid/x?y=1", "http_proxy": proxy.URL}))
	if err != nil || res.Result.(map[string]any)["body"] != "proxied" {
		t.Fatalf("got %v %v, want the proxy's answer", res.Result, err)
	}
	if got != "http://stormless.invalid/x?y=1" {
		t.Errorf("proxy saw %q, want the absolute URL", got)
	}
}
