package eventpattern

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stormless/stormless/internal/conformance"
)

// matchBoth matches event against pattern with the reference and with a
// Matcher holding only that pattern, failing when they disagree.
func matchBoth(t *testing.T, pattern, event []byte) bool {
	t.Helper()
	p, err := Parse(pattern, WithMaxPatternSize(1<<20))
	if err != nil {
		t.Fatalf("parsing pattern: %v", err)
	}
	ref, err := p.Match(event)
	if err != nil {
		t.Fatalf("reference match: %v", err)
	}
	m, _ := NewMatcher()
	if err := m.Add("p", p); err != nil {
		t.Fatal(err)
	}
	ids, err := m.Match(event)
	if err != nil {
		t.Fatalf("matcher match: %v", err)
	}
	if got := len(ids) == 1; got != ref {
		t.Fatalf("matcher says %v, reference says %v", got, ref)
	}
	return ref
}

func readCorpus(t *testing.T, elem ...string) []byte {
	t.Helper()
	data, err := os.ReadFile(conformance.MustPath(t, append([]string{"event-ruler", "src", "test"}, elem...)...))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

type label struct {
	Match  bool   `json:"match"`
	Reason string `json:"reason"`
}

func TestCorrectnessCases(t *testing.T) {
	var cases []struct {
		Name  string          `json:"name"`
		Rule  json.RawMessage `json:"rule"`
		Event json.RawMessage `json:"event"`
	}
	if err := json.Unmarshal(readCorpus(t, "resources", "correctness-cases.json"), &cases); err != nil {
		t.Fatal(err)
	}
	labels := map[string]label{}
	data, err := os.ReadFile(filepath.Join("testdata", "correctness-labels.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &labels); err != nil {
		t.Fatal(err)
	}
	if len(cases) != len(labels) {
		t.Errorf("got %d cases, %d labels", len(cases), len(labels))
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			want, ok := labels[c.Name]
			if !ok {
				t.Fatalf("no label for %q", c.Name)
			}
			if got := matchBoth(t, c.Rule, c.Event); got != want.Match {
				t.Errorf("got %v, want %v (%s)", got, want.Match, want.Reason)
			}
		})
	}
}

func TestArrayFiles(t *testing.T) {
	want := map[string][4]bool{ // rule -> matches arrayEvent1..4
		"arrayRule1.json": {true, false, false, false},
		"arrayRule2.json": {true, false, false, false},
		"arrayRule3.json": {false, false, false, true},
		"arrayRule4.json": {false, false, true, true},
	}
	for rule, w := range want {
		for i := range 4 {
			event := "arrayEvent" + string(rune('1'+i)) + ".json"
			t.Run(rule+"/"+event, func(t *testing.T) {
				got := matchBoth(t, readCorpus(t, "data", rule), readCorpus(t, "data", event))
				if got != w[i] {
					t.Errorf("got %v, want %v", got, w[i])
				}
			})
		}
	}
}

func TestOrFiles(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		valid bool
	}{
		{name: "or relationship", file: "orRelationshipRules.json", valid: true},
		{name: "$or as a field name", file: "normalRulesWithOrWording.json", valid: true},
		{name: "malformed $or", file: "wrongOrRelationshipRules.json", valid: false},
	}
	for _, tt := range tests {
		var rules []json.RawMessage
		if err := json.Unmarshal(readCorpus(t, "data", tt.file), &rules); err != nil {
			t.Fatal(err)
		}
		for i, r := range rules {
			_, err := Parse(r)
			var perr *Error
			if tt.valid && err != nil {
				t.Errorf("%s[%d]: got %v, want valid", tt.name, i, err)
			}
			if !tt.valid && !errors.As(err, &perr) {
				t.Errorf("%s[%d]: got %v, want *Error", tt.name, i, err)
			}
		}
	}
}

func TestBigEvent(t *testing.T) {
	if !matchBoth(t, readCorpus(t, "data", "bigEventRule.json"), readCorpus(t, "data", "bigEvent.json")) {
		t.Error("got no match, want match: one change has an action starting CREATE and a record type starting A")
	}
}
