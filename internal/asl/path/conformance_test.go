package path_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tailscale/hujson"

	"github.com/stormless/stormless/internal/asl/path"
	"github.com/stormless/stormless/internal/conformance"
)

// TestConformanceLocalStack replays the JSONPath queries recorded on AWS by
// LocalStack's parameterised test_json_path_array_* tests: a Pass state
// whose Parameters hold {"item.$": <path>}, the path being the test's
// parameter.
func TestConformanceLocalStack(t *testing.T) {
	file := conformance.MustPath(t, "localstack-sfn", "tests/aws/services/stepfunctions/v2/base/test_base.snapshot.json")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("reading %s: %v", file, err)
	}
	var snap map[string]struct {
		Recorded map[string]json.RawMessage `json:"recorded-content"`
	}
	if err := json.Unmarshal(b, &snap); err != nil {
		t.Fatalf("decoding %s: %v", file, err)
	}
	n := 0
	for id, entry := range snap {
		if !strings.Contains(id, "::test_json_path_array_") || !strings.HasSuffix(id, "]") {
			continue
		}
		expr := id[strings.Index(id, "[")+1 : len(id)-1]
		for _, raw := range entry.Recorded {
			var rec history
			if json.Unmarshal(raw, &rec) != nil {
				continue
			}
			var input any
			var want any
			for _, ev := range rec.Events {
				if ev.Started != nil {
					input = ev.Started.Input
				}
				if ev.Succeeded != nil {
					want = ev.Succeeded.Output["item"]
				}
			}
			n++
			t.Run(expr, func(t *testing.T) {
				got, err := path.Query(expr, input)
				if err != nil || !reflect.DeepEqual(got, want) {
					t.Errorf("%s on %v: got %v (%v), want %v", expr, input, got, err, want)
				}
			})
		}
	}
	if n < 10 {
		t.Fatalf("got %d recorded queries, want at least 10", n)
	}
}

// history is the part of a recorded GetExecutionHistory the test reads.
type history struct {
	Events []struct {
		Started *struct {
			Input any `json:"input"`
		} `json:"executionStartedEventDetails"`
		Succeeded *struct {
			Output map[string]any `json:"output"`
		} `json:"executionSucceededEventDetails"`
	} `json:"events"`
}

// TestConformanceEscapes replays test_escape_sequence_parsing[
// ESCAPE_SEQUENCES_JSONPATH]: a bracketed name holding \" and quotes.
func TestConformanceEscapes(t *testing.T) {
	root := conformance.MustPath(t, "localstack-sfn", "tests/aws/services/stepfunctions")
	b, err := os.ReadFile(filepath.Join(root, "templates/scenarios/statemachines/escape_sequences_jsonpath.json5"))
	if err == nil {
		b, err = hujson.Standardize(b)
	}
	if err != nil {
		t.Fatalf("reading the template: %v", err)
	}
	var def struct {
		States map[string]struct {
			Parameters map[string]string `json:"Parameters"`
		} `json:"States"`
	}
	if err := json.Unmarshal(b, &def); err != nil {
		t.Fatalf("decoding the template: %v", err)
	}
	expr := def.States["JsonPathEscapeTest"].Parameters["value.$"]
	var snap map[string]struct {
		Recorded map[string]json.RawMessage `json:"recorded-content"`
	}
	b, err = os.ReadFile(filepath.Join(root, "v2/scenarios/test_base_scenarios.snapshot.json"))
	if err != nil || json.Unmarshal(b, &snap) != nil {
		t.Fatalf("reading the snapshot: %v", err)
	}
	for id, e := range snap {
		if !strings.HasSuffix(id, "[ESCAPE_SEQUENCES_JSONPATH]") {
			continue
		}
		var rec history
		if err := json.Unmarshal(e.Recorded["get_execution_history"], &rec); err != nil || len(rec.Events) < 2 {
			t.Fatalf("decoding the recorded history: %v", err)
		}
		input := rec.Events[0].Started.Input
		want := rec.Events[len(rec.Events)-1].Succeeded.Output["value"]
		if got, err := path.Query(expr, input); err != nil || got != want {
			t.Errorf("%s on %v: got %v (%v), want %v", expr, input, got, err, want)
		}
		return
	}
	t.Fatal("got no recorded ESCAPE_SEQUENCES_JSONPATH execution")
}
