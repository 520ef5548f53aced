package api

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/stormless/stormless/internal/datastore"
)

// Webhook signatures. A webhook whose secret is in the datastore, the
// system-scope key WebhookSecretKey(url) (store it encrypted: stormless key
// set stormless.webhook.<url>.secret VALUE --encrypt), accepts only
// requests signed with it, in one of these headers:
//
//   - X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body> (GitHub)
//   - X-Stormless-Signature: sha256=<hex HMAC-SHA256 of the raw body>
//   - Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">
//     (Stripe; t within SignatureTolerance of the server's clock)
//
// A request without a signature is refused with 401, one whose signature
// does not match with 403; nothing is published. Signatures are compared
// in constant time, and the secret appears in no error, log or record. The
// generic webhook POST /api/v1/webhooks/st2 has the url "st2".
const (
	// WebhookSecretPrefix and WebhookSecretSuffix frame the url in the
	// name of a webhook's secret.
	WebhookSecretPrefix = "stormless.webhook."
	WebhookSecretSuffix = ".secret"
	// Signature headers, in the order they are checked.
	HeaderGitHubSignature    = "X-Hub-Signature-256"
	HeaderSignature          = "X-Stormless-Signature"
	HeaderStripeSignature    = "Stripe-Signature"
	signaturePrefix          = "sha256="
	SignatureTolerance       = 5 * time.Minute
	genericWebhookSecretName = "st2"
)

// WebhookSecretKey is the datastore key holding the HMAC secret of the
// webhook url (POST /api/v1/webhooks/<url>).
func WebhookSecretKey(url string) datastore.Key {
	return datastore.Key{Scope: datastore.ScopeSystem, Name: WebhookSecretPrefix + url + WebhookSecretSuffix}
}

// Sign returns the X-Hub-Signature-256 (and X-Stormless-Signature) value
// of body under secret: "sha256=" and the hex HMAC-SHA256.
func Sign(secret, body []byte) string {
	return signaturePrefix + hex.EncodeToString(mac(secret, body))
}

func mac(secret, body []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write(body)
	return m.Sum(nil)
}

// errUnsigned and errBadSignature answer 401 and 403.
var (
	errUnsigned     = errors.New("unsigned webhook")
	errBadSignature = errors.New("webhook signature does not match")
)

// SecretCacheTTL is how long a webhook's secret (or its absence) is
// remembered: setting, changing or deleting a secret takes effect within
// it, and a burst of webhooks reads the datastore once.
const SecretCacheTTL = time.Second

// secretCache remembers webhook secrets for SecretCacheTTL. The zero
// value is ready; it is safe for concurrent use.
type secretCache struct {
	mu sync.Mutex
	m  map[string]cachedSecret
}

type cachedSecret struct {
	secret []byte // nil: the webhook has none
	until  time.Time
}

// secret returns webhook url's secret, nil when it has none, reading the
// datastore when the cached answer is older than SecretCacheTTL.
func (c *secretCache) secret(ctx context.Context, kv datastore.Store, url string, now time.Time) ([]byte, error) {
	c.mu.Lock()
	e, ok := c.m[url]
	c.mu.Unlock()
	if ok && now.Before(e.until) {
		return e.secret, nil
	}
	item, err := kv.Get(ctx, WebhookSecretKey(url), true)
	switch {
	case errors.Is(err, datastore.ErrNotFound):
		e = cachedSecret{}
	case err != nil:
		return nil, errorf("reading the secret of webhook %s: %w", url, err)
	default:
		e = cachedSecret{secret: []byte(item.Value)}
	}
	e.until = now.Add(SecretCacheTTL)
	c.mu.Lock()
	if c.m == nil || len(c.m) > 10000 {
		c.m = map[string]cachedSecret{}
	}
	c.m[url] = e
	c.mu.Unlock()
	return e.secret, nil
}

// checkSignature verifies r's signature of body when webhook url has a
// secret; nil when it has none or the signature matches.
func (h *Handler) checkSignature(ctx context.Context, r *http.Request, url string, body []byte) error {
	if h.kv == nil {
		return nil
	}
	now := time.Now()
	secret, err := h.secrets.secret(ctx, h.kv, url, now)
	if err != nil || secret == nil {
		return err
	}
	return verify(r.Header, secret, body, now)
}

// verify checks the first signature header present against secret.
func verify(hd http.Header, secret, body []byte, now time.Time) error {
	for _, name := range []string{HeaderGitHubSignature, HeaderSignature} {
		if v := hd.Get(name); v != "" {
			got, err := hex.DecodeString(strings.TrimPrefix(v, signaturePrefix))
			if err != nil || !strings.HasPrefix(v, signaturePrefix) || !hmac.Equal(got, mac(secret, body)) {
				return errorf("%w: %s must be sha256= and the hex HMAC-SHA256 of the body under the webhook's secret", errBadSignature, name)
			}
			return nil
		}
	}
	if v := hd.Get(HeaderStripeSignature); v != "" {
		return verifyStripe(v, secret, body, now)
	}
	return errorf("%w: this webhook requires a signature: send %s: sha256=<hex HMAC-SHA256 of the body under its secret> (or %s, or %s)",
		errUnsigned, HeaderGitHubSignature, HeaderSignature, HeaderStripeSignature)
}

// verifyStripe checks "t=<unix>,v1=<hex>[,v1=...]": one v1 must be the
// HMAC of "t.body", and t within SignatureTolerance of now.
func verifyStripe(v string, secret, body []byte, now time.Time) error {
	var ts string
	var sigs [][]byte
	for _, part := range strings.Split(v, ",") {
		k, val, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "t":
			ts = val
		case "v1":
			if b, err := hex.DecodeString(val); err == nil {
				sigs = append(sigs, b)
			}
		}
	}
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || len(sigs) == 0 {
		return errorf("%w: %s must be t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\">", errBadSignature, HeaderStripeSignature)
	}
	if d := now.Sub(time.Unix(secs, 0)); d > SignatureTolerance || d < -SignatureTolerance {
		return errorf("%w: %s timestamp is %v away from the server's clock (tolerance %v)", errBadSignature, HeaderStripeSignature, d.Round(time.Second), SignatureTolerance)
	}
	want := mac(secret, append([]byte(ts+"."), body...))
	for _, s := range sigs {
		if hmac.Equal(s, want) {
			return nil
		}
	}
	return errorf("%w: no v1 of %s is the HMAC-SHA256 of \"t.body\" under the webhook's secret", errBadSignature, HeaderStripeSignature)
}
