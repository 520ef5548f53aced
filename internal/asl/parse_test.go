package asl

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/conformance"
)

func TestParseValid(t *testing.T) {
	data, err := os.ReadFile("testdata/valid_pass.json")
	if err != nil {
		t.Fatal(err)
	}
	m, err := Parse(data)
	if err != nil {
		t.Fatalf("got %v, want nil", err)
	}
	if m.StartAt != "A" || len(m.States) != 2 || m.States["A"].ResultPath.Path != "$.a" {
		t.Fatalf("got %+v", m)
	}
}

func TestParseInvalid(t *testing.T) {
	tests := []struct {
		name string
		def  string
		want []string // pointers, all reported
	}{
		{"unknown field", `{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"Bogus":1}}}`, []string{"/States/A/Bogus"}},
		{"missing next", `{"StartAt":"A","States":{"A":{"Type":"Pass"}}}`, []string{"/States/A"}},
		{"bad next", `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Z"}}}`, []string{"/States", "/States/A/Next"}},
		{"unreachable", `{"StartAt":"A","States":{"A":{"Type":"Succeed"},"B":{"Type":"Succeed"}}}`, []string{"/States/B"}},
		{"bad path", `{"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"a.b","End":true}}}`, []string{"/States/A/InputPath"}},
		{"states.all not last", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"r","End":true,
			"Retry":[{"ErrorEquals":["States.ALL"]},{"ErrorEquals":["X"]}]}}}`, []string{"/States/A/Retry/0/ErrorEquals"}},
		{"bad retrier", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"r","End":true,
			"Retry":[{"ErrorEquals":["X"],"BackoffRate":0.5,"MaxAttempts":-1}]}}}`, []string{"/States/A/Retry/0/BackoffRate", "/States/A/Retry/0/MaxAttempts"}},
		{"jsonata field in jsonpath", `{"StartAt":"A","States":{"A":{"Type":"Pass","Output":{},"End":true}}}`, []string{"/States/A/Output"}},
		{"jsonpath field in jsonata", `{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"$","End":true}}}`, []string{"/States/A/InputPath"}},
		{"downgrade", `{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","QueryLanguage":"JSONPath","End":true}}}`, []string{"/States/A/QueryLanguage"}},
		{"bad jsonata", `{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":{"x":"{% 1 + %}"},"End":true}}}`, []string{"/States/A/Output/x"}},
		{"bad intrinsic", `{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"x.$":"States.Format("},"End":true}}}`, []string{"/States/A/Parameters/x.$"}},
		{"bad result path", `{"StartAt":"A","States":{"A":{"Type":"Pass","ResultPath":"$.a[*]","End":true}}}`, []string{"/States/A/ResultPath"}},
		{"wait without time", `{"StartAt":"W","States":{"W":{"Type":"Wait","End":true}}}`, []string{"/States/W"}},
		{"heartbeat not below timeout", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"r","TimeoutSeconds":5,"HeartbeatSeconds":5,"End":true}}}`, []string{"/States/T/HeartbeatSeconds"}},
		{"bad variable name", `{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"1x":1,"states":2,"ok.$":"$"},"End":true}}}`, []string{"/States/A/Assign/1x", "/States/A/Assign/states"}},
		{"map label invalid character", `{"StartAt":"M","States":{"M":{"Type":"Map","Label":"a b","ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Succeed"}}},"End":true}}}`, []string{"/States/M/Label"}},
		{"map label empty", `{"StartAt":"M","States":{"M":{"Type":"Map","Label":"","ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Succeed"}}},"End":true}}}`, []string{"/States/M/Label"}},
		{"map label too long", `{"StartAt":"M","States":{"M":{"Type":"Map","Label":"12345678901234567890123456789012345678901","ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Succeed"}}},"End":true}}}`, []string{"/States/M/Label"}},
		{"unrecognised dynamodb action", `{"StartAt":"Q","States":{"Q":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:query","End":true}}}`, []string{"/States/Q/Resource"}},
		{"nested branch", `{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"X","States":{"X":{"Type":"Pass"}}}]}}}`, []string{"/States/P/Branches/0/States/X"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.def))
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("got %v, want *ValidationError", err)
			}
			var got []string
			for _, p := range ve.Problems {
				got = append(got, p.Pointer)
			}
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("got pointers %v, want %s among them", got, w)
				}
			}
		})
	}
}

func TestParseSyntaxError(t *testing.T) {
	if _, err := Parse([]byte(`{"StartAt":`)); err == nil {
		t.Fatal("got nil, want a syntax error")
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}`))
	f.Add([]byte(`{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1,"Next":"D"}],"Default":"D"},"D":{"Type":"Succeed"}}}`))
	f.Add([]byte(`{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true,"Catch":[{"ErrorEquals":["States.ALL"],"Next":"M"}]}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse(data)
		if err == nil && m == nil {
			t.Fatal("nil machine without error")
		}
	})
}

// TestCorpusValidation checks the definitions the LocalStack corpus keeps
// for validation: valid_* parse, invalid_* are rejected.
func TestCorpusValidation(t *testing.T) {
	dir := conformance.MustPath(t, "localstack-sfn", "tests/aws/services/stepfunctions/templates/validation/statemachines")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			_, err = Parse(data)
			switch {
			case strings.HasPrefix(name, "valid_") && err != nil:
				t.Fatalf("got %v, want valid", err)
			case strings.HasPrefix(name, "invalid_") && err == nil:
				t.Fatal("got valid, want an error")
			}
		})
	}
}
