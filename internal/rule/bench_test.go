package rule

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkEvaluate reports criteria evaluations per second for a literal
// and a templated pattern, against the literal one as baseline.
func BenchmarkEvaluate(b *testing.B) {
	payload := map[string]any{"body": map[string]any{"name": "st2", "n": 3}, "expected": "st2"}
	for _, bc := range []struct {
		name    string
		pattern any
	}{
		{"literal", "st2"},
		{"templated", "{{ trigger.expected }}"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			cs := []Criterion{{Key: "trigger.body.name", Type: "equals", Pattern: bc.pattern}}
			ctx := context.Background()
			for b.Loop() {
				if res, err := Evaluate(ctx, cs, payload); err != nil || !res.Match {
					b.Fatalf("got %v, %v", res, err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "evaluations/s")
		})
	}
}

// TestEvaluateConcurrently shares parsed templates and compiled regexes
// between goroutines (run with -race).
func TestEvaluateConcurrently(t *testing.T) {
	cs := []Criterion{
		{Key: "trigger.a", Type: "equals", Pattern: "{{ trigger.b }}"},
		{Key: "trigger.a", Type: "regex", Pattern: "^v[0-9]+$"},
	}
	done := make(chan error, 8)
	for i := range 8 {
		go func() {
			for j := range 50 {
				v := "v" + string(rune('0'+(i+j)%10))
				res, err := Evaluate(context.Background(), cs, map[string]any{"a": v, "b": v})
				if err == nil && !res.Match {
					err = fmt.Errorf("payload %s: got no match, want a match", v)
				}
				if err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
