package eventpattern

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// The benchmark workload models Stormless rules: every pattern names its
// pack (source) and trigger type (detail-type), as compiled rules do, plus
// one to three criteria over 20 detail fields mixing exact, anything-but,
// exists, numeric and prefix filters. There are ten patterns per trigger
// type, so more patterns means more trigger types.

var (
	benchWords    = []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima"}
	benchPrefixes = []string{"arn:aws:s3", "arn:aws:ec2", "arn:aws:iam", "arn:aws:lambda", "arn:aws:sqs"}
)

func benchType(i int) string { return fmt.Sprintf("pack%d.trigger%d", i%20, i) }

func benchPattern(r *rand.Rand, i int) string {
	typ := benchType(i / 10)
	var crit []string
	seen := map[int]bool{}
	for range 1 + r.IntN(3) {
		f := r.IntN(20)
		if seen[f] {
			continue
		}
		seen[f] = true
		crit = append(crit, fmt.Sprintf("%q:[%s]", fmt.Sprintf("f%02d", f), benchCriterion(r, f)))
	}
	return fmt.Sprintf(`{"source":[%q],"detail-type":[%q],"detail":{%s}}`,
		strings.Split(typ, ".")[0], typ, strings.Join(crit, ","))
}

func benchCriterion(r *rand.Rand, f int) string {
	switch {
	case f < 5:
		switch r.IntN(3) {
		case 0:
			return fmt.Sprintf("%q,%q", benchWords[r.IntN(12)], benchWords[r.IntN(12)])
		case 1:
			return fmt.Sprintf(`{"anything-but":[%q]}`, benchWords[r.IntN(12)])
		}
		return `{"exists":true}`
	case f < 10:
		lo := 50 * r.IntN(10)
		return fmt.Sprintf(`{"numeric":[">",%d,"<=",%d]}`, lo, lo+100+50*r.IntN(10))
	case f < 15:
		return fmt.Sprintf(`{"prefix":%q}`, benchPrefixes[r.IntN(5)])
	}
	return []string{`{"exists":true}`, `{"exists":false}`, "true", "false"}[r.IntN(4)]
}

func benchEvent(r *rand.Rand, types int) []byte {
	typ := benchType(r.IntN(types))
	detail := map[string]any{}
	for f := range 20 {
		if r.IntN(10) == 0 {
			continue // some fields are missing
		}
		key := fmt.Sprintf("f%02d", f)
		switch {
		case f < 5:
			detail[key] = benchWords[r.IntN(12)]
		case f < 10:
			detail[key] = r.IntN(1000)
		case f < 15:
			detail[key] = fmt.Sprintf("%s:::bucket-%d/key", benchPrefixes[r.IntN(5)], r.IntN(100))
		default:
			detail[key] = r.IntN(2) == 0
		}
	}
	detail["payload"] = map[string]any{"headers": map[string]any{"content-type": "application/json", "user-agent": "curl/8.5"},
		"body": map[string]any{"message": "disk usage above threshold on host web-17", "tags": []any{"prod", "web", "eu"},
			"host": map[string]any{"name": "web-17.eu-west-1.compute.internal", "ip": "10.0.17.4", "kernel": "6.8.0-1015-aws", "uptime_seconds": 1834021, "disks": []any{
				map[string]any{"mount": "/", "used": 0.93}, map[string]any{"mount": "/var", "used": 0.41}}}}}
	event := map[string]any{
		"version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718", "source": strings.Split(typ, ".")[0],
		"detail-type": typ, "account": "111122223333", "time": "2026-11-27T23:00:00Z", "region": "eu-west-1",
		"resources": []any{"arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0"}, "detail": detail,
	}
	data, _ := json.Marshal(event)
	return data
}

func benchSetup(b *testing.B, n int) ([]*Pattern, [][]byte) {
	r := rand.New(rand.NewPCG(1, uint64(n)))
	patterns := make([]*Pattern, n)
	for i := range patterns {
		p, err := Parse([]byte(benchPattern(r, i)))
		if err != nil {
			b.Fatal(err)
		}
		patterns[i] = p
	}
	events := make([][]byte, 1000)
	for i := range events {
		events[i] = benchEvent(r, (n+9)/10)
	}
	return patterns, events
}

func BenchmarkMatcher(b *testing.B) {
	for _, n := range []int{10, 1000, 10000} {
		b.Run(fmt.Sprintf("patterns=%d", n), func(b *testing.B) {
			patterns, events := benchSetup(b, n)
			m, _ := NewMatcher()
			for i, p := range patterns {
				if err := m.Add(fmt.Sprint(i), p); err != nil {
					b.Fatal(err)
				}
			}
			matches := benchWarm(b, m, events)
			b.SetBytes(int64(len(events[0])))
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cpuTime()
			for i := 0; i < b.N; i++ {
				if _, err := m.Match(events[i%len(events)]); err != nil {
					b.Fatal(err)
				}
			}
			reportRates(b, cpu)
			b.ReportMetric(matches, "matches/event")
		})
	}
}

// benchWarm compiles the machine and returns the mean matches per event.
func benchWarm(b *testing.B, m *Matcher, events [][]byte) float64 {
	total := 0
	for _, e := range events {
		ids, err := m.Match(e)
		if err != nil {
			b.Fatal(err)
		}
		total += len(ids)
	}
	return float64(total) / float64(len(events))
}

func BenchmarkReference(b *testing.B) {
	n := 1000
	b.Run(fmt.Sprintf("patterns=%d", n), func(b *testing.B) {
		patterns, events := benchSetup(b, n)
		b.SetBytes(int64(len(events[0])))
		b.ReportAllocs()
		b.ResetTimer()
		cpu := cpuTime()
		for i := 0; i < b.N; i++ {
			v, err := decodeEvent(events[i%len(events)])
			if err != nil {
				b.Fatal(err)
			}
			for _, p := range patterns {
				if _, err := p.MatchValue(v); err != nil {
					b.Fatal(err)
				}
			}
		}
		reportRates(b, cpu)
	})
}

// reportRates reports events per wall-clock second and per CPU-second of
// the process (which includes the garbage collector), since the second is
// steadier on a shared machine.
func reportRates(b *testing.B, cpuStart time.Duration) {
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
	if cpu := cpuTime() - cpuStart; cpu > 0 {
		b.ReportMetric(float64(b.N)/cpu.Seconds(), "events/cpu-s")
	}
}

// BenchmarkJSONValid is a calibration baseline: encoding/json merely
// validating the same events, to compare machines and loads by.
func BenchmarkJSONValid(b *testing.B) {
	_, events := benchSetup(b, 1000)
	b.SetBytes(int64(len(events[0])))
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		if !json.Valid(events[i%len(events)]) {
			b.Fatal("invalid event")
		}
	}
	reportRates(b, cpu)
}

// TestBenchmarkWorkloadAgrees checks the benchmark's matcher results against
// the reference, so the figures measure correct work.
func TestBenchmarkWorkloadAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1000))
	var patterns [][]byte
	for i := range 300 {
		patterns = append(patterns, []byte(benchPattern(r, i)))
	}
	for range 10 {
		checkAgree(t, patterns, benchEvent(r, 30))
	}
}
