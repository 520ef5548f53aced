package conformance

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/stormless/stormless/internal/asl"
)

// isVariableReferencesEntry reports whether an entry records the
// variableReferences DescribeStateMachine derives from a definition.
func isVariableReferencesEntry(e *entry) bool {
	return strings.Contains(e.TestID, "test_sfn_api_variable_references.py")
}

// judgeVariableReferences compares the variableReferences of every
// recorded describe response with asl.VariableReferences of the definition
// the test creates: the template its parameter names, else the definition
// the describe response recorded.
func (c *corpus) judgeVariableReferences(e *entry) verdict {
	def, reason := c.describedDefinition(e)
	if def == nil {
		return verdict{Status: unresolved, Reason: "variable references: " + reason}
	}
	got, err := asl.VariableReferences(def)
	if err != nil {
		return verdict{Status: failed, Reason: "variable references: " + oneLine(err)}
	}
	return compareVariableReferences(e, got)
}

// compareVariableReferences compares computed references with every
// recorded response's.
func compareVariableReferences(e *entry, got map[string][]string) verdict {
	for _, k := range contentKeys(e) {
		var resp struct {
			VariableReferences map[string]any `json:"variableReferences"`
		}
		if json.Unmarshal(e.Content[k], &resp) != nil {
			continue
		}
		want := map[string]any{}
		for s, v := range resp.VariableReferences {
			want[s] = v
		}
		if d := match(want, reparse(mustRoundTrip(got))); d != "" {
			return verdict{Status: failed, Reason: fmt.Sprintf("%s: variableReferences %s", k, d)}
		}
	}
	return verdict{Status: passed}
}

// describedDefinition returns the definition of a variable-references
// entry: its parameter's one template, else the recorded one.
func (c *corpus) describedDefinition(e *entry) ([]byte, string) {
	paths := c.paramTemplates(e.Param)
	slices.Sort(paths)
	if paths = slices.Compact(paths); len(paths) == 1 {
		t, err := loadTemplate(paths[0], e.Param, e.Edit)
		if err != nil {
			return nil, oneLine(err)
		}
		b, err := t.JSON()
		if err != nil {
			return nil, oneLine(err)
		}
		return b, ""
	}
	for _, k := range contentKeys(e) {
		var resp struct {
			Definition json.RawMessage `json:"definition"`
		}
		if json.Unmarshal(e.Content[k], &resp) == nil && len(resp.Definition) > 0 {
			return resp.Definition, ""
		}
	}
	return nil, "no template named by the parameter and no recorded definition"
}
