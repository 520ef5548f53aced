package api_test

import (
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

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
