package api

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/datastore"
	"github.com/stormless/stormless/internal/datastore/memkv"
)

func stripe(secret, body []byte, at time.Time) string {
	ts := strconv.FormatInt(at.Unix(), 10)
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(ts + "."))
	m.Write(body)
	return "t=" + ts + ",v1=" + hex.EncodeToString(m.Sum(nil))
}

func TestVerify(t *testing.T) {
	secret, body := []byte("hook-secret"), []byte(`{"action":"opened"}`)
	now := time.Date(2026, 11, 28, 2, 0, 0, 0, time.UTC)
	good := Sign(secret, body)
	tests := []struct {
		name   string
		header map[string]string
		want   error
	}{
		{"GitHub", map[string]string{HeaderGitHubSignature: good}, nil},
		{"generic", map[string]string{HeaderSignature: good}, nil},
		{"Stripe", map[string]string{HeaderStripeSignature: "v0=00," + stripe(secret, body, now.Add(-time.Minute))}, nil},
		{"none", nil, errUnsigned},
		{"wrong secret", map[string]string{HeaderGitHubSignature: Sign([]byte("other"), body)}, errBadSignature},
		{"other body", map[string]string{HeaderGitHubSignature: Sign(secret, []byte(`{}`))}, errBadSignature},
		{"no sha256= prefix", map[string]string{HeaderGitHubSignature: good[len("sha256="):]}, errBadSignature},
		{"not hex", map[string]string{HeaderSignature: "sha256=zz"}, errBadSignature},
		{"Stripe too old", map[string]string{HeaderStripeSignature: stripe(secret, body, now.Add(-10*time.Minute))}, errBadSignature},
		{"Stripe malformed", map[string]string{HeaderStripeSignature: "v1=abc"}, errBadSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hd := http.Header{}
			for k, v := range tt.header {
				hd.Set(k, v)
			}
			err := verify(hd, secret, body, now)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), string(secret)) {
				t.Errorf("error %q shows the secret", err)
			}
		})
	}
}

// FuzzVerify feeds arbitrary signature headers: verify answers nil only
// for a correct signature and never panics.
func FuzzVerify(f *testing.F) {
	secret, body := []byte("s"), []byte("b")
	f.Add(Sign(secret, body), "", "")
	f.Add("", "sha256=00", "")
	f.Add("", "", "t=1,v1=00,v1=zz")
	f.Fuzz(func(t *testing.T, gh, generic, st string) {
		hd := http.Header{}
		hd.Set(HeaderGitHubSignature, gh)
		hd.Set(HeaderSignature, generic)
		hd.Set(HeaderStripeSignature, st)
		err := verify(hd, secret, body, time.Unix(1, 0))
		if err == nil && gh != Sign(secret, body) && (gh != "" || generic != Sign(secret, body)) && (gh != "" || generic != "" || st == "") {
			// Only a Stripe header can still be valid here.
			if verifyStripe(st, secret, body, time.Unix(1, 0)) != nil {
				t.Errorf("accepted %q %q %q", gh, generic, st)
			}
		}
	})
}

func TestSecretCache(t *testing.T) {
	kv, err := memkv.New()
	if err != nil {
		t.Fatal(err)
	}
	var c secretCache
	now := time.Date(2026, 11, 28, 2, 0, 0, 0, time.UTC)
	if got, err := c.secret(t.Context(), kv, "hook", now); err != nil || got != nil {
		t.Fatalf("got %q (%v), want no secret", got, err)
	}
	if _, err := kv.Set(t.Context(), WebhookSecretKey("hook"), "s", datastore.SetOptions{Secret: true}); err != nil {
		t.Fatal(err)
	}
	if got, _ := c.secret(t.Context(), kv, "hook", now.Add(SecretCacheTTL/2)); got != nil {
		t.Errorf("within the TTL: got %q, want the cached absence", got)
	}
	if got, _ := c.secret(t.Context(), kv, "hook", now.Add(SecretCacheTTL)); string(got) != "s" {
		t.Errorf("after the TTL: got %q, want the new secret", got)
	}
	if err := kv.Delete(t.Context(), WebhookSecretKey("hook")); err != nil {
		t.Fatal(err)
	}
	if got, _ := c.secret(t.Context(), kv, "hook", now.Add(3*SecretCacheTTL)); got != nil {
		t.Errorf("after deleting: got %q, want none", got)
	}
}
