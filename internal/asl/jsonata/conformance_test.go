package jsonata_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tailscale/hujson"

	"github.com/stormless/stormless/internal/asl/jsonata"
	"github.com/stormless/stormless/internal/conformance"
)

// recordedRun is one recorded execution of a one-state JSONata machine.
type recordedRun struct {
	name, expr string
	input      any
	output     any    // when it succeeded
	cause      string // when it failed
}

func TestConformanceLocalStack(t *testing.T) {
	runs := loadRecordedRuns(t)
	if len(runs) < 30 {
		t.Fatalf("got %d recorded executions, want at least 30", len(runs))
	}
	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			e, err := jsonata.ParseTemplate(r.expr)
			if err != nil {
				t.Fatalf("parsing %s: %v", r.expr, err)
			}
			got, err := e.Eval(nil, map[string]any{"states": map[string]any{"input": r.input}})
			if r.cause != "" {
				var je *jsonata.Error
				if !errors.As(err, &je) || !strings.HasSuffix(r.cause, je.Detail()) {
					t.Fatalf("got %v, want an error ending %q", err, r.cause)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, r.output) {
				t.Errorf("%s on %s: got %s (%v), want %s", r.expr, asJSON(r.input), asJSON(got), err, asJSON(r.output))
			}
		})
	}
}

// loadRecordedRuns reads the recorded executions of the JSONata tests of
// the intrinsic functions suite.
func loadRecordedRuns(t *testing.T) []recordedRun {
	t.Helper()
	root := conformance.MustPath(t, "localstack-sfn")
	var index map[string]struct {
		Snapshot  string   `json:"snapshot"`
		Templates []string `json:"templates"`
	}
	readJSON(t, filepath.Join(root, "INDEX.json"), &index)
	var out []recordedRun
	for id, e := range index {
		if !strings.Contains(e.Snapshot, "/intrinsic_functions/") || !strings.Contains(id, "JSONata") || len(e.Templates) != 1 {
			continue
		}
		expr := templateOutput(t, filepath.Join(root, e.Templates[0]))
		var snap map[string]struct {
			Recorded map[string]json.RawMessage `json:"recorded-content"`
		}
		readJSON(t, filepath.Join(root, e.Snapshot), &snap)
		for run, raw := range snap[id].Recorded {
			if r, ok := recorded(raw); ok {
				r.name, r.expr = id[strings.Index(id, "::")+2:]+"/"+run, expr
				out = append(out, r)
			}
		}
	}
	return out
}

// recorded extracts the input and the output or failure of one history.
func recorded(raw json.RawMessage) (recordedRun, bool) {
	var hist struct {
		Events []struct {
			Type    string `json:"type"`
			Entered *struct {
				Input any `json:"input"`
			} `json:"stateEnteredEventDetails"`
			Succeeded *struct {
				Output any `json:"output"`
			} `json:"executionSucceededEventDetails"`
			Failed *struct {
				Cause string `json:"cause"`
			} `json:"executionFailedEventDetails"`
		} `json:"events"`
	}
	var r recordedRun
	if json.Unmarshal(raw, &hist) != nil {
		return r, false
	}
	ok := false
	for _, ev := range hist.Events {
		switch {
		case ev.Entered != nil:
			r.input = ev.Entered.Input
		case ev.Succeeded != nil:
			r.output, ok = decodeOutput(ev.Succeeded.Output), true
		case ev.Failed != nil:
			r.cause, ok = ev.Failed.Cause, true
		}
	}
	return r, ok
}

// decodeOutput turns an output recorded as JSON text back into a value.
func decodeOutput(v any) any {
	s, isText := v.(string)
	if !isText {
		return v
	}
	var out any
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return v
	}
	return out
}

// templateOutput returns the Output template of the machine's state.
func templateOutput(t *testing.T, file string) string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err == nil {
		b, err = hujson.Standardize(b)
	}
	if err != nil {
		t.Fatalf("reading %s: %v", file, err)
	}
	var def struct {
		States map[string]struct {
			Output any `json:"Output"`
		} `json:"States"`
	}
	if err := json.Unmarshal(b, &def); err != nil {
		t.Fatalf("decoding %s: %v", file, err)
	}
	for _, st := range def.States {
		if s, ok := st.Output.(string); ok {
			return s
		}
		if m, ok := st.Output.(map[string]any); ok {
			for _, v := range m {
				if s, ok := v.(string); ok {
					return s
				}
			}
		}
	}
	t.Fatalf("no Output template in %s", file)
	return ""
}

// readJSON decodes file into v.
func readJSON(t *testing.T, file string, v any) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("reading %s: %v", file, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decoding %s: %v", file, err)
	}
}
