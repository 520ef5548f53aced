package conformance

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/stormless/stormless/internal/asl/interp"
)

// The choice-operator tests record no history: for each (Variable, Value)
// pair they fill the operator into choiceoperators/statemachines/template.json5,
// replace "$.Value" by the literal value unless the operator is a Path
// variant, run it with {"Variable": v, "Value": value} and record the
// execution output as a "cases" list of {input, output}.
const (
	operatorPlaceholder = "%ComparisonOperatorType%"
	valuePlaceholder    = `"$.Value"`
	choiceTemplate      = "choiceoperators/statemachines/template.json5"
)

// choiceCase is one recorded comparison.
type choiceCase struct {
	Input  map[string]any `json:"input"`
	Output any            `json:"output"`
}

// choiceCases returns the recorded comparisons of a choice-operator entry.
func choiceCases(e *entry) ([]choiceCase, bool) {
	raw, ok := e.Content["cases"]
	if !ok || !strings.Contains(e.TestID, "/choice_operators/") {
		return nil, false
	}
	var cs []choiceCase
	if err := json.Unmarshal(raw, &cs); err != nil {
		return nil, false
	}
	return cs, true
}

// operatorName turns test_numeric_greater_than_equals_path into
// NumericGreaterThanEqualsPath.
func operatorName(testID string) string {
	var b strings.Builder
	for _, w := range strings.Split(strings.TrimPrefix(testName(testID), "test_"), "_") {
		if w != "" {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}

// judgeCases runs every comparison of a choice-operator entry.
func (c *corpus) judgeCases(ctx context.Context, e *entry, cs []choiceCase) verdict {
	base, err := c.choiceTemplate()
	if err != nil {
		return verdict{Status: unresolved, Reason: "bad corpus data: " + oneLine(err)}
	}
	op := operatorName(e.TestID)
	def := strings.ReplaceAll(base, operatorPlaceholder, op)
	cs = restoreTimestamps(e.TestID, cs)
	var v verdict
	ran := 0
	for i, cs := range cs {
		if normalisedAway(cs.Input) {
			continue
		}
		ran++
		if d := runCase(ctx, def, op, cs); d != "" {
			v.Detail = append(v.Detail, fmt.Sprintf("case %d %s: %s", i, short(cs.Input), d))
		}
	}
	if ran == 0 {
		return verdict{Status: unresolved, Reason: "every case's input was normalised to placeholders by the snapshot"}
	}
	if len(v.Detail) == 0 {
		return verdict{Status: passed}
	}
	v.Status = failed
	v.Reason = fmt.Sprintf("%s: %d of %d cases differ, first %s", op, len(v.Detail), len(cs), v.Detail[0])
	return v
}

// normalisedAway reports whether the snapshot replaced an input value by a
// placeholder ("date"), so the case cannot be replayed.
func normalisedAway(input map[string]any) bool {
	for _, v := range input {
		if s, ok := v.(string); ok && (wildcards[s] || placeholderRE.MatchString(s)) {
			return true
		}
	}
	return false
}

// choiceTemplate returns the operator template as standard JSON text.
func (c *corpus) choiceTemplate() (string, error) {
	for _, p := range c.byName["TEMPLATE"] {
		if strings.HasSuffix(p, choiceTemplate) {
			t, err := loadTemplate(p, "", nil)
			if err != nil {
				return "", err
			}
			b, err := t.JSON()
			return string(b), err
		}
	}
	return "", fmt.Errorf("finding %s: not in the corpus", choiceTemplate)
}

// runCase runs one comparison and returns how its output differs.
func runCase(ctx context.Context, def, op string, cs choiceCase) string {
	if !strings.HasSuffix(op, "Path") {
		lit, err := json.Marshal(cs.Input["Value"])
		if err != nil {
			return "encoding value: " + err.Error()
		}
		def = strings.ReplaceAll(def, valuePlaceholder, string(lit))
	}
	in, err := interp.New(interp.WithClock(interp.NewVirtualClock(epoch)), interp.WithHistory(false))
	if err != nil {
		return "creating interpreter: " + oneLine(err)
	}
	m, err := in.Load("conformance", []byte(def))
	if err != nil {
		return "definition rejected, AWS ran it: " + oneLine(err)
	}
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	res, _, err := in.Run(ctx, m, map[string]any(cs.Input))
	if err != nil {
		return "execution did not finish: " + oneLine(err)
	}
	if res.Status != interp.StatusSucceeded {
		return fmt.Sprintf("status %s (%s: %s), want output %s", res.Status, res.Error, res.Cause, short(cs.Output))
	}
	return match(cs.Output, res.Output)
}
