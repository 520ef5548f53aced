package interp

import (
	"encoding/json"
	"fmt"
	"syscall"
	"testing"
	"time"
)

// chainDef builds n chained states from one state template.
func chainDef(n int, lang string, state func(next string) map[string]any) []byte {
	states := map[string]any{}
	for i := 0; i < n; i++ {
		next := fmt.Sprintf("S%d", i+1)
		if i == n-1 {
			next = ""
		}
		states[fmt.Sprintf("S%d", i)] = state(next)
	}
	def := map[string]any{"StartAt": "S0", "States": states}
	if lang != "" {
		def["QueryLanguage"] = lang
	}
	b, _ := json.Marshal(def)
	return b
}

func withNext(s map[string]any, next string) map[string]any {
	if next == "" {
		s["End"] = true
	} else {
		s["Next"] = next
	}
	return s
}

func benchMachine(b *testing.B, in *Interpreter, def []byte, input any) {
	b.Helper()
	m, err := in.Load("bench", def)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var transitions int64
	cpu0 := cpuTime()
	for b.Loop() {
		res, e, err := in.Run(b.Context(), m, input)
		if err != nil || res.Status != StatusSucceeded {
			b.Fatalf("got %v %+v", err, res)
		}
		transitions += e.Transitions()
	}
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(transitions)/b.Elapsed().Seconds(), "transitions/s")
	// On a shared, overloaded machine wall time measures the neighbours;
	// CPU time consumed by this process is the figure to compare.
	b.ReportMetric(float64(transitions)/cpu.Seconds(), "transitions/cpu-s")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N)/1e6, "cpu-ms/op")
}

// cpuTime returns the user+system CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkInterp(b *testing.B) {
	input := map[string]any{"n": float64(1), "name": "bench", "tags": []any{"a", "b"}}
	passChain := chainDef(1000, "", func(next string) map[string]any {
		return withNext(map[string]any{"Type": "Pass", "Parameters": map[string]any{"n.$": "$.n", "name.$": "$.name"}, "ResultPath": "$.last"}, next)
	})
	b.Run("pass-chain-1000", func(b *testing.B) {
		benchMachine(b, newTestInterp(b), passChain, input)
	})
	b.Run("pass-chain-1000-baseline-no-history", func(b *testing.B) {
		benchMachine(b, newTestInterp(b, WithHistory(false)), passChain, input)
	})
	b.Run("jsonata-chain-1000", func(b *testing.B) {
		def := chainDef(1000, "JSONata", func(next string) map[string]any {
			return withNext(map[string]any{"Type": "Pass", "Output": map[string]any{"n": "{% $states.input.n + 1 %}", "name": "{% $states.input.name %}"}}, next)
		})
		benchMachine(b, newTestInterp(b), def, input)
	})
	b.Run("map-1000-items", func(b *testing.B) {
		items := make([]any, 1000)
		for i := range items {
			items[i] = map[string]any{"i": float64(i)}
		}
		def := []byte(`{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","End":true,
			"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"v.$":"$.i"},"End":true}}}}}}`)
		benchMachine(b, newTestInterp(b), def, map[string]any{"items": items})
	})
	b.Run("choice-loop", func(b *testing.B) {
		def := []byte(`{"StartAt":"C","States":{
			"C":{"Type":"Choice","Choices":[{"Variable":"$.i","NumericGreaterThanEquals":1000,"Next":"Done"}],"Default":"Inc"},
			"Inc":{"Type":"Pass","Parameters":{"i.$":"States.MathAdd($.i, 1)"},"Next":"C"},
			"Done":{"Type":"Succeed"}}}`)
		benchMachine(b, newTestInterp(b), def, map[string]any{"i": float64(0)})
	})
}
