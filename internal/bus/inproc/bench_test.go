package inproc_test

import (
	"context"
	"testing"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/bus/inproc"
)

// BenchmarkPublish measures events/s through the bus to one subscriber,
// one event per Publish as webhooks publish, against the baseline of a
// buffered channel of the same size.
func BenchmarkPublish(b *testing.B) {
	e, err := bus.NewEvent("core.st2.webhook", map[string]any{"url": "bench"}, map[string]any{"n": 1})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("baseline channel", func(b *testing.B) {
		ch := make(chan bus.Event, 1024)
		done := make(chan struct{})
		go func() {
			for range ch {
			}
			close(done)
		}()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				ch <- e
			}
		})
		close(ch)
		<-done
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
	b.Run("inproc", func(b *testing.B) {
		bs, err := inproc.New()
		if err != nil {
			b.Fatal(err)
		}
		bs.Subscribe(bus.HandlerFunc(func(context.Context, bus.Event) error { return nil }))
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if err := bs.Publish(context.Background(), e); err != nil {
					b.Error(err)
				}
			}
		})
		if err := bs.Close(context.Background()); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
}
