package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/bus"
)

// BenchmarkWebhook measures webhooks acknowledged per second through the
// whole HTTP stack (loopback) against the baseline of publishing the same
// event on the engine directly; both record the trigger instance before
// answering.
func BenchmarkWebhook(b *testing.B) {
	s := newServer(b)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	b.Run("http", func(b *testing.B) {
		var failed atomic.Int64
		b.SetParallelism(8)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				resp, err := client.Post(s.URL+"/api/v1/webhooks/sample", "application/json", strings.NewReader(`{"other": 1}`))
				if err != nil || resp.StatusCode != http.StatusAccepted {
					failed.Add(1)
				}
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}
		})
		if failed.Load() > 0 {
			b.Fatalf("%d webhooks failed", failed.Load())
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "webhooks/s")
	})
	b.Run("baseline-publish", func(b *testing.B) {
		b.SetParallelism(8)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				ev, err := bus.NewEvent("core.st2.webhook", map[string]any{"url": "sample"},
					map[string]any{"headers": map[string]any{}, "body": map[string]any{"other": 1}})
				if err == nil {
					err = s.engine.Publish(b.Context(), ev)
				}
				if err != nil {
					b.Error(err)
					return
				}
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "webhooks/s")
	})
}

// nullEngine accepts every event and does nothing else: what the handler
// itself costs per webhook, without the HTTP stack or the engine.
type nullEngine struct{ api.Engine }

func (nullEngine) Publish(context.Context, ...bus.Event) error { return nil }

// BenchmarkWebhookHandler measures the webhook handler alone (request
// decoding, event building, answer), against the baseline of building the
// same event directly.
func BenchmarkWebhookHandler(b *testing.B) {
	s := newServer(b)
	h, err := api.New(nullEngine{engine{s.engine}}, s.engine.Store())
	if err != nil {
		b.Fatal(err)
	}
	body := []byte(`{"id": 1, "source": "load", "tags": ["a", "b"]}`)
	b.Run("handler", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			req := httptest.NewRequest(http.MethodPost, "/api/v1/webhooks/sample", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("User-Agent", "load/1.0")
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code != http.StatusAccepted {
				b.Fatalf("got %d %s", w.Code, w.Body)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "webhooks/s")
	})
	b.Run("baseline-new-event", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var v any
			if err := json.Unmarshal(body, &v); err != nil {
				b.Fatal(err)
			}
			_, err := bus.NewEvent("core.st2.webhook", map[string]any{"url": "sample"},
				map[string]any{"headers": map[string]any{"Content-Type": "application/json"}, "body": v})
			if err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "webhooks/s")
	})
}
