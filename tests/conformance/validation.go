package conformance

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/stormless/stormless/internal/asl"
)

// notADefinition are the texts test_validate_state_machine_definition_not_a_definition
// validates, by parameter, as its parameter names and recorded messages
// show them ("Source: (String)\"not a definition\"").
var notADefinition = map[string]string{"EMPTY_STRING": "", "NOT_A_DEF": "not a definition", "EMPTY_DICT": "{}"}

// validationResponse is a recorded ValidateStateMachineDefinition result.
type validationResponse struct {
	Result      string `json:"result"`
	Diagnostics []struct {
		Code, Location, Message string
	} `json:"diagnostics"`
}

// isValidationEntry reports whether an entry records
// ValidateStateMachineDefinition results.
func isValidationEntry(e *entry) bool {
	return strings.Contains(e.TestID, "test_sfn_api_validation.py")
}

// judgeValidation checks that the ASL validator accepts what AWS accepts
// and rejects what AWS rejects, at the location AWS names.
func (c *corpus) judgeValidation(e *entry) verdict {
	var resp validationResponse
	if err := json.Unmarshal(e.Content["validation_response"], &resp); err != nil {
		return verdict{Status: unresolved, Reason: "bad corpus data: " + oneLine(err)}
	}
	if strings.Contains(e.TestID, "_type_express") && mentions(resp, "Express") {
		return verdict{Status: notApplicable, Reason: "Express workflows (type-specific definition rules)"}
	}
	def, reason := c.validatedDefinition(e)
	if def == nil {
		return verdict{Status: unresolved, Reason: reason}
	}
	_, err := asl.Parse(def)
	return validationVerdict(resp, err)
}

// validationVerdict compares the validator's answer with AWS's.
func validationVerdict(resp validationResponse, err error) verdict {
	var ve *asl.ValidationError
	switch {
	case resp.Result == "OK" && err != nil:
		return verdict{Status: failed, Reason: "definition: AWS accepts it; got " + oneLine(err)}
	case resp.Result == "OK":
		return verdict{Status: passed}
	case err == nil:
		return verdict{Status: failed, Reason: "definition: AWS rejects it (" + short(resp.Diagnostics) + "); got accepted"}
	case len(resp.Diagnostics) > 0 && strings.HasPrefix(resp.Diagnostics[0].Location, "/"):
		at := resp.Diagnostics[0].Location
		if !errors.As(err, &ve) || !rejectsAt(ve, at) {
			return verdict{Status: failed, Reason: fmt.Sprintf("definition: AWS rejects it at %s; got %s", at, oneLine(err))}
		}
	}
	return verdict{Status: passed}
}

// mentions reports whether a diagnostic's message contains s.
func mentions(resp validationResponse, s string) bool {
	for _, d := range resp.Diagnostics {
		if strings.Contains(d.Message, s) {
			return true
		}
	}
	return false
}

// validatedDefinition returns the text a validation entry validates.
func (c *corpus) validatedDefinition(e *entry) ([]byte, string) {
	if text, ok := notADefinition[e.Param]; ok && strings.Contains(e.TestID, "not_a_definition") {
		return []byte(text), ""
	}
	paths := c.paramTemplates(e.Param)
	slices.Sort(paths)
	if paths = slices.Compact(paths); len(paths) != 1 {
		return nil, fmt.Sprintf("validation: %d templates named by the parameter", len(paths))
	}
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
