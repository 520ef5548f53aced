package param

import (
	"errors"
	"fmt"
	"maps"
	"strings"

	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/schema"
)

// paramKeywords are the keywords of a parameter's schema that the object
// schema of the parameter set says otherwise: whether it is required (the
// object's "required" list, from pack.Param.Required) and its default
// (filled in before validation).
var paramKeywords = []string{"required", "default"}

// compileSchema compiles the parameters into one object schema in
// StackStorm's dialect. Additional parameters are allowed, as StackStorm
// allows them.
func compileSchema(specs map[string]*pack.Param) (*schema.Schema, error) {
	props := map[string]any{}
	required := []any{}
	for name, p := range specs {
		props[name] = paramSchema(p)
		if p.Required {
			required = append(required, name)
		}
	}
	doc := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		doc["required"] = required
	}
	s, err := schema.Compile(doc)
	if err != nil {
		return nil, fmt.Errorf("compiling parameters schema: %w", err)
	}
	return s, nil
}

// paramSchema returns p's schema as a property of the parameter set.
func paramSchema(p *pack.Param) map[string]any {
	out := maps.Clone(p.Schema)
	if out == nil {
		out = map[string]any{}
	}
	for _, k := range paramKeywords {
		delete(out, k)
	}
	if p.Type != nil {
		out["type"] = p.Type
	}
	if len(p.Enum) > 0 {
		out["enum"] = p.Enum
	}
	return out
}

// validate checks params against the schema; the error names the first
// parameter at fault. Of several missing required parameters, the first
// one late does not hold (a default still waiting for it) is named.
func validate(s *schema.Schema, params map[string]any, late map[string]bool) error {
	err := s.Validate(params)
	if err == nil {
		return nil
	}
	var ve *schema.ValidationError
	if !errors.As(err, &ve) || len(ve.Violations) == 0 {
		return fmt.Errorf("validating parameters: %w", err)
	}
	return violationError(ve.Violations[0], late)
}

// violationError turns a violation into an *Error naming the parameter.
func violationError(v schema.Violation, late map[string]bool) error {
	if len(v.Missing) > 0 && len(v.Path) == 0 {
		name := v.Missing[0]
		for _, m := range v.Missing {
			if !late[m] {
				name = m
				break
			}
		}
		return &Error{Name: name, Reason: "is required"}
	}
	name := "(parameters)"
	if len(v.Path) > 0 {
		name = v.Path[0]
	}
	reason := v.Message
	if len(v.Path) > 1 {
		reason = "at /" + strings.Join(v.Path[1:], "/") + ": " + reason
	}
	return &Error{Name: name, Reason: "fails validation: " + reason}
}
