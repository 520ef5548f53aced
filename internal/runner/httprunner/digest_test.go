package httprunner

import (
	"crypto/md5"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/runner"
)

func md5hex(s string) string {
	h := md5.Sum([]byte(s))
	return hex.EncodeToString(h[:])
}

// digestServer accepts user "u" with password "pw" by RFC 7616 digest
// (MD5, qop auth) and echoes the request body.
func digestServer(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := r.Header.Get("Authorization")
		if !strings.HasPrefix(h, "Digest ") {
			w.Header().Set("WWW-Authenticate", `Digest realm="test", nonce="abc123", qop="auth,auth-int", opaque="xyz"`)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		c := parseParams(h[7:])
		ha1 := md5hex("u:test:pw")
		ha2 := md5hex(r.Method + ":" + c["uri"])
		want := md5hex(ha1 + ":abc123:" + c["nc"] + ":" + c["cnonce"] + ":auth:" + ha2)
		if c["response"] != want || c["opaque"] != "xyz" || c["uri"] != r.URL.RequestURI() {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		b, _ := io.ReadAll(r.Body)
		_, _ = w.Write(b)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestDigestAuth(t *testing.T) {
	srv := digestServer(t)
	tests := []struct {
		name     string
		params   map[string]any
		wantCode int
		wantBody string
	}{
		{name: "digest", params: map[string]any{"auth": "digest", "username": "u", "password": "pw", "body": "payload", "method": "PUT"}, wantCode: 200, wantBody: "payload"},
		{name: "wrong password", params: map[string]any{"auth": "Digest", "username": "u", "password": "nope"}, wantCode: 401},
		{name: "basic by default, as StackStorm", params: map[string]any{"username": "u", "password": "pw"}, wantCode: 401},
	}
	r := mustNew(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.params["url"] = srv.URL + "/p?q=1"
			res, err := r.Run(t.Context(), request(tt.params))
			if err != nil {
				t.Fatal(err)
			}
			m := res.Result.(map[string]any)
			if m["status_code"] != tt.wantCode || (tt.wantBody != "" && m["body"] != tt.wantBody) {
				t.Errorf("got %v %q, want %d %q", m["status_code"], m["body"], tt.wantCode, tt.wantBody)
			}
			if (tt.wantCode == 200) != (res.Status == runner.StatusSucceeded) {
				t.Errorf("status %s for code %v", res.Status, m["status_code"])
			}
		})
	}
}

func TestParseParams(t *testing.T) {
	got := parseParams(`realm="a, b", nonce=xyz,qop="auth" , algorithm=MD5`)
	want := challenge{"realm": "a, b", "nonce": "xyz", "qop": "auth", "algorithm": "MD5"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q", k, got[k], v)
		}
	}
}

func FuzzParseParams(f *testing.F) {
	f.Add(`realm="a", nonce="b", qop="auth"`)
	f.Add(`x=,="",y="unterminated`)
	f.Fuzz(func(t *testing.T, s string) {
		for k := range parseParams(s) {
			if k != strings.ToLower(k) {
				t.Fatalf("key %q not lower-cased", k)
			}
		}
	})
}
