package param

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/stormless/stormless/internal/pack"
)

// st2Keywords are StackStorm's extensions to a parameter's JSON schema,
// removed before compiling it (draft 4 reads "required" as a list).
var st2Keywords = []string{"required", "secret", "immutable", "position", "default"}

// compileSchema compiles the parameters into one draft-4 object schema.
// Additional parameters are allowed, as StackStorm allows them.
func compileSchema(specs map[string]*pack.Param) (*jsonschema.Schema, error) {
	props := map[string]any{}
	required := []any{}
	for name, p := range specs {
		props[name] = cleanSchema(p)
		if p.Required {
			required = append(required, name)
		}
	}
	doc := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		doc["required"] = required
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	if err := c.AddResource("parameters.json", doc); err != nil {
		return nil, fmt.Errorf("adding parameters schema: %w", err)
	}
	s, err := c.Compile("parameters.json")
	if err != nil {
		return nil, fmt.Errorf("compiling parameters schema: %w", err)
	}
	return s, nil
}

func cleanSchema(p *pack.Param) map[string]any {
	out := map[string]any{}
	for k, v := range p.Schema {
		out[k] = v
	}
	for _, k := range st2Keywords {
		delete(out, k)
	}
	if p.Type != nil {
		out["type"] = p.Type
	}
	if len(p.Enum) > 0 {
		out["enum"] = p.Enum
	}
	return normalize(out).(map[string]any)
}

// normalize round-trips v through JSON so the schema compiler sees only
// JSON types (YAML decoding may give ints and other Go types).
func normalize(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return v
	}
	return out
}

// validate checks params against the schema; the error names the first
// parameter at fault. Of several missing required parameters, the first
// one late does not hold (a default still waiting for it) is named.
func validate(s *jsonschema.Schema, params map[string]any, late map[string]bool) error {
	err := s.Validate(normalize(params))
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return fmt.Errorf("validating parameters: %w", err)
	}
	return leafError(ve, late)
}

var printer = message.NewPrinter(language.English)

// leafError turns the deepest cause of a validation failure into an *Error
// naming the parameter.
func leafError(ve *jsonschema.ValidationError, late map[string]bool) error {
	for len(ve.Causes) > 0 {
		ve = ve.Causes[0]
	}
	if req, ok := ve.ErrorKind.(*kind.Required); ok && len(ve.InstanceLocation) == 0 {
		missing := slices.Sorted(slices.Values(req.Missing))
		name := missing[0]
		for _, m := range missing {
			if !late[m] {
				name = m
				break
			}
		}
		return &Error{Name: name, Reason: "is required"}
	}
	name := "(parameters)"
	if len(ve.InstanceLocation) > 0 {
		name = ve.InstanceLocation[0]
	}
	reason := ve.ErrorKind.LocalizedString(printer)
	if len(ve.InstanceLocation) > 1 {
		reason = "at /" + strings.Join(ve.InstanceLocation[1:], "/") + ": " + reason
	}
	return &Error{Name: name, Reason: "fails validation: " + reason}
}
