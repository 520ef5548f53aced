package awsapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/stormless/stormless/internal/bus"
)

// BenchmarkPutEvents measures events accepted per second through the
// PutEvents endpoint (loopback HTTP, 10 entries a call, each recorded as a
// trigger instance before the answer) against the baseline of publishing
// the same events on the engine directly, 10 at a time.
func BenchmarkPutEvents(b *testing.B) {
	s := newServer(b)
	entry := map[string]any{"Source": "stormless.awstest", "DetailType": "awstest.alert",
		"Detail": `{"trigger": {"type": "awstest.alert", "parameters": {}}, "payload": {"level": "low"}}`}
	entries := make([]any, 10)
	for i := range entries {
		entries[i] = entry
	}
	body, _ := json.Marshal(map[string]any{"Entries": entries})
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	b.Run("http", func(b *testing.B) {
		var failed atomic.Int64
		b.SetParallelism(4)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				req, _ := http.NewRequest(http.MethodPost, s.URL+"/aws/", bytes.NewReader(body))
				req.Header.Set("X-Amz-Target", "AWSEvents.PutEvents")
				req.Header.Set("Content-Type", "application/x-amz-json-1.1")
				resp, err := client.Do(req)
				if err != nil {
					failed.Add(1)
					continue
				}
				var out struct{ FailedEntryCount int }
				err = json.NewDecoder(resp.Body).Decode(&out)
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != http.StatusOK || out.FailedEntryCount != 0 {
					failed.Add(1)
				}
			}
		})
		if failed.Load() > 0 {
			b.Fatalf("%d calls failed", failed.Load())
		}
		b.ReportMetric(10*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
	b.Run("baseline-publish", func(b *testing.B) {
		b.SetParallelism(4)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				events := make([]bus.Event, 10)
				for i := range events {
					ev, err := bus.NewEvent("awstest.alert", map[string]any{}, map[string]any{"level": "low"})
					if err != nil {
						b.Error(err)
						return
					}
					events[i] = ev
				}
				if err := s.engine.Publish(b.Context(), events...); err != nil {
					b.Error(err)
					return
				}
			}
		})
		b.ReportMetric(10*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
}
