package api_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/datastore"
	"github.com/stormless/stormless/internal/datastore/secretkey"
	"github.com/stormless/stormless/internal/datastore/sqlitekv"
)

// BenchmarkWebhookSignature measures what signatures cost the webhook
// handler with stormless up's SQLite datastore: the baseline without a
// datastore (no secret lookup), a webhook without a secret (a lookup
// that finds nothing, cached for api.SecretCacheTTL), and a signed
// webhook (the cached secret and the HMAC).
func BenchmarkWebhookSignature(b *testing.B) {
	s := newServer(b)
	dir := b.TempDir()
	key, err := secretkey.LoadOrCreate(filepath.Join(dir, "secret.key"))
	if err != nil {
		b.Fatal(err)
	}
	kv, err := sqlitekv.Open(b.Context(), filepath.Join(dir, "datastore.db"), key)
	if err != nil {
		b.Fatal(err)
	}
	defer kv.Close()
	body := []byte(`{"id": 1, "source": "load", "tags": ["a", "b"]}`)
	run := func(b *testing.B, h *api.Handler, sig string) {
		b.ReportAllocs()
		for b.Loop() {
			req := httptest.NewRequest(http.MethodPost, "/api/v1/webhooks/sample", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			if sig != "" {
				req.Header.Set(api.HeaderGitHubSignature, sig)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code != http.StatusAccepted {
				b.Fatalf("got %d %s", w.Code, w.Body)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "webhooks/s")
	}
	plain, err := api.New(nullEngine{engine{s.engine}}, s.engine.Store())
	if err != nil {
		b.Fatal(err)
	}
	withKV, err := api.New(nullEngine{engine{s.engine}}, s.engine.Store(), api.WithDatastore(kv))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("baseline-no-datastore", func(b *testing.B) { run(b, plain, "") })
	b.Run("no-secret", func(b *testing.B) { run(b, withKV, "") })
	if _, err := kv.Set(b.Context(), api.WebhookSecretKey("sample"), "s3cret", datastore.SetOptions{Secret: true}); err != nil {
		b.Fatal(err)
	}
	signed, err := api.New(nullEngine{engine{s.engine}}, s.engine.Store(), api.WithDatastore(kv))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("signed", func(b *testing.B) { run(b, signed, api.Sign([]byte("s3cret"), body)) })
	b.Run("unsigned-refused", func(b *testing.B) {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/webhooks/sample", bytes.NewReader(body))
		w := httptest.NewRecorder()
		signed.ServeHTTP(w, req)
		if w.Code != http.StatusUnauthorized {
			b.Fatalf("got %d, want 401: the signed runs were not checked", w.Code)
		}
	})
}
