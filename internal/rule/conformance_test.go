package rule

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/stormless/stormless/internal/conformance"
)

// operatorConformance is ../shared/conformance/st2/operator_conformance.yaml.
type operatorConformance struct {
	OperatorCases []struct {
		Op      string `yaml:"op"`
		Value   any    `yaml:"value"`
		Pattern any    `yaml:"pattern"`
		Match   bool   `yaml:"match"`
		Error   string `yaml:"error"`
	} `yaml:"operator_cases"`
	SearchCases []struct {
		Condition     string           `yaml:"condition"`
		PayloadValues any              `yaml:"payload_values"`
		Children      []map[string]any `yaml:"children"`
		Match         bool             `yaml:"match"`
		Error         string           `yaml:"error"`
	} `yaml:"search_cases"`
	RuleFilterCases struct {
		Payload map[string]any `yaml:"payload"`
		Cases   []struct {
			Criteria        map[string]any    `yaml:"criteria"`
			PayloadOverride yaml.Node         `yaml:"payload_override"`
			KV              map[string]string `yaml:"kv"`
			Match           bool              `yaml:"match"`
		} `yaml:"cases"`
	} `yaml:"rule_filter_cases"`
}

func loadConformance(t testing.TB) *operatorConformance {
	t.Helper()
	data, err := os.ReadFile(conformance.MustPath(t, "st2", "operator_conformance.yaml"))
	if err != nil {
		t.Fatalf("reading conformance cases: %v", err)
	}
	var oc operatorConformance
	if err := yaml.Unmarshal(data, &oc); err != nil {
		t.Fatalf("decoding conformance cases: %v", err)
	}
	return &oc
}

var testNow = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

// conformanceValue replaces the "<now, ISO8601 UTC>" placeholder.
func conformanceValue(v any) any {
	if s, ok := v.(string); ok && strings.HasPrefix(s, "<now") {
		return testNow.Format("2006-01-02T15:04:05.000000")
	}
	return v
}

func TestOperatorConformance(t *testing.T) {
	oc := loadConformance(t)
	for i, c := range oc.OperatorCases {
		name := fmt.Sprintf("%d_%s_%v_%v", i, c.Op, c.Value, c.Pattern)
		t.Run(name, func(t *testing.T) {
			got, err := applyOperator(c.Op, conformanceValue(c.Value), c.Pattern, testNow)
			if c.Error != "" {
				if !errors.Is(err, ErrUnknownOperator) || !strings.Contains(strings.ToLower(err.Error()), strings.ToLower(strings.TrimPrefix(c.Error, "Invalid operator: "))) {
					t.Fatalf("got error %v, want %q", err, c.Error)
				}
				return
			}
			if got != c.Match {
				t.Errorf("got %v (err %v), want %v", got, err, c.Match)
			}
		})
	}
}

func TestSearchConformance(t *testing.T) {
	oc := loadConformance(t)
	for i, c := range oc.SearchCases {
		t.Run(fmt.Sprintf("%d_%s", i, c.Condition), func(t *testing.T) {
			children := map[string]any{}
			for j, ch := range c.Children {
				for op, p := range ch {
					children[fmt.Sprintf("item.to_value#%d", j)] = map[string]any{"type": op, "pattern": p}
				}
			}
			ev := &evaluator{ctx: context.Background(), s: newSettings(nil), now: testNow}
			value, err := normalize(searchItems(c.PayloadValues))
			if err != nil {
				t.Fatal(err)
			}
			pattern, err := normalize(children)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ev.search(value, pattern, c.Condition)
			if c.Error != "" {
				var uc *UnrecognizedConditionError
				if !errors.As(err, &uc) {
					t.Fatalf("got error %v, want %s", err, c.Error)
				}
				return
			}
			if err != nil || got != c.Match {
				t.Errorf("got %v (err %v), want %v", got, err, c.Match)
			}
		})
	}
}

// searchItems turns the case's payload values into items with a to_value
// field; a dict stands for one item.
func searchItems(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = map[string]any{"to_value": e}
		}
		return out
	case map[string]any:
		for _, e := range x {
			return map[string]any{"to_value": e}
		}
	}
	return v
}

func TestRuleFilterConformance(t *testing.T) {
	oc := loadConformance(t)
	for i, c := range oc.RuleFilterCases.Cases {
		t.Run(fmt.Sprintf("%d", i), func(t *testing.T) {
			criteria, err := ParseCriteria(c.Criteria)
			if err != nil {
				t.Fatal(err)
			}
			var payload any = oc.RuleFilterCases.Payload
			if c.PayloadOverride.Kind != 0 {
				payload = nil
			}
			res, err := Evaluate(t.Context(), criteria, payload, WithDatastore(MapDatastore(c.KV)), WithNow(func() time.Time { return testNow }))
			if err != nil {
				t.Fatal(err)
			}
			if res.Match != c.Match {
				t.Errorf("criteria %v: got %v, want %v; explanation %+v", c.Criteria, res.Match, c.Match, res)
			}
		})
	}
}
