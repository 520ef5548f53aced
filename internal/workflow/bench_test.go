package workflow

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/asl/interp"
)

// BenchmarkWorkflow runs compiled workflows of core.noop tasks on the
// interpreter with an in-process runner, reporting wall time per run in
// ms/workflow (issue target: 100 items under 100 ms). The baseline calls
// the runner directly as many times, without a state machine.
func BenchmarkWorkflow(b *testing.B) {
	cases := []struct {
		name  string
		src   string
		input any
		calls int
	}{
		{"with-items-100", "version: 1.0\ninput: [items]\ntasks:\n  t:\n    with: <% ctx(items) %>\n    action: core.noop\n",
			map[string]any{"items": make([]any, 100)}, 100},
		{"sequential-50", sequentialSource(50), map[string]any{}, 50},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) { benchRun(b, c.src, c.input) })
		b.Run(c.name+"-baseline", func(b *testing.B) { benchBaseline(b, c.calls) })
	}
}

// sequentialSource is a chain of n core.noop tasks publishing a counter.
func sequentialSource(n int) string {
	var s strings.Builder
	s.WriteString("version: 1.0\nvars:\n  - count: 0\ntasks:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&s, "  t%d:\n    action: core.noop\n", i)
		if i+1 < n {
			fmt.Fprintf(&s, "    next:\n      - when: <%% succeeded() %%>\n        publish: count=<%% ctx(count) + 1 %%>\n        do: t%d\n", i+1)
		}
	}
	return s.String()
}

func benchRun(b *testing.B, src string, input any) {
	wf, err := ParseOrquesta("bench.yaml", []byte(src))
	if err != nil {
		b.Fatal(err)
	}
	def, err := Compile(wf, Options{})
	if err != nil {
		b.Fatal(err)
	}
	runner := &stubRunner{}
	reg := interp.NewRegistry()
	reg.Lambda(DefaultRunnerFunction, runner.invoke)
	in, err := interp.New(interp.WithRegistry(reg), interp.WithClock(interp.NewVirtualClock(time.Unix(0, 0))))
	if err != nil {
		b.Fatal(err)
	}
	m, err := in.Load("bench", def)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		runner.tasks = runner.tasks[:0]
		res, _, err := in.Run(context.Background(), m, input)
		if err != nil || res.Status != interp.StatusSucceeded {
			b.Fatalf("run: %v %+v", err, res)
		}
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/workflow")
}

func benchBaseline(b *testing.B, calls int) {
	runner := &stubRunner{}
	payload := map[string]any{"action": "core.noop", "parameters": map[string]any{}, "context": map[string]any{"task_name": "t"}}
	start := time.Now()
	for i := 0; i < b.N; i++ {
		runner.tasks = runner.tasks[:0]
		for j := 0; j < calls; j++ {
			if _, err := runner.invoke(context.Background(), payload); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/workflow")
}
