package storetest

import (
	"testing"

	"github.com/stormless/stormless/internal/execution"
)

// testOutput covers appending and reading output lines.
func testOutput(t *testing.T, open Open) {
	s := open(t)
	ctx := t.Context()
	must(t, s.CreateExecution(ctx, newExecution("e", "core.local", 0)))
	line := func(stream execution.Stream, data string, n int) execution.OutputLine {
		return execution.OutputLine{Timestamp: at(n), OutputType: stream, Data: data}
	}
	must(t, s.AppendOutput(ctx, "e", []execution.OutputLine{line(execution.Stdout, "one\n", 1), line(execution.Stderr, "two\n", 1)}))
	must(t, s.AppendOutput(ctx, "e", []execution.OutputLine{line(execution.Stdout, "three", 2)}))
	all := []execution.OutputLine{
		{ExecutionID: "e", Seq: 1, Timestamp: at(1), OutputType: execution.Stdout, Data: "one\n"},
		{ExecutionID: "e", Seq: 2, Timestamp: at(1), OutputType: execution.Stderr, Data: "two\n"},
		{ExecutionID: "e", Seq: 3, Timestamp: at(2), OutputType: execution.Stdout, Data: "three"},
	}
	tests := []struct {
		name  string
		after int64
		limit int
		want  []execution.OutputLine
	}{
		{"all", 0, 0, all},
		{"after", 1, 0, all[1:]},
		{"limit", 0, 2, all[:2]},
		{"after and limit", 1, 1, all[1:2]},
		{"past the end", 3, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.ListOutput(ctx, "e", tt.after, tt.limit)
			must(t, err)
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			sameJSON(t, "output", got, tt.want)
		})
	}
	wantErr(t, "append to missing", s.AppendOutput(ctx, "nope", all[:1]), execution.ErrNotFound)
	_, err := s.ListOutput(ctx, "nope", 0, 0)
	wantErr(t, "list missing", err, execution.ErrNotFound)
}
