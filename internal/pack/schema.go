package pack

import (
	"errors"
	"fmt"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaURL names the in-memory resource each schema is compiled from.
const schemaURL = "urn:stormless:schema.json"

// refuseLoader keeps "$ref" from reading files or the network.
type refuseLoader struct{}

func (refuseLoader) Load(url string) (any, error) {
	return nil, fmt.Errorf("loading %s: only references inside the schema are allowed", url)
}

// compileSchema compiles a JSON Schema written in StackStorm's dialect
// (draft 4, where a property may say "required: true"). Formats are not
// asserted, as in StackStorm.
func compileSchema(schema map[string]any) (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	c.UseLoader(refuseLoader{})
	if err := c.AddResource(schemaURL, draft4(schema, 0)); err != nil {
		return nil, fmt.Errorf("adding schema: %w", err)
	}
	s, err := c.Compile(schemaURL)
	if err != nil {
		return nil, errors.New(flatten(err))
	}
	return s, nil
}

// validate checks v against s, returning one line per violation.
func validate(s *jsonschema.Schema, v any) error {
	if err := s.Validate(v); err != nil {
		return errors.New(flatten(err))
	}
	return nil
}

// stExtensions are StackStorm's keywords that draft 4 does not know.
var stExtensions = []string{"secret", "immutable", "position", "format"}

// draft4 rewrites StackStorm's dialect into plain draft 4: boolean
// "required" on a property moves into its parent's "required" list, and
// StackStorm's own keywords (and "format", which StackStorm never asserts)
// are dropped. The input is left untouched.
func draft4(v any, depth int) any {
	m, ok := v.(map[string]any)
	if !ok || depth > maxDepth {
		return v
	}
	out := make(map[string]any, len(m))
	for k, x := range m {
		if contains(stExtensions, k) {
			continue
		}
		if _, isBool := x.(bool); k == "required" && isBool {
			continue
		}
		out[k] = draft4Keyword(k, x, depth)
	}
	liftRequired(m, out)
	return out
}

// draft4Keyword rewrites the subschemas held by keyword k.
func draft4Keyword(k string, x any, depth int) any {
	switch k {
	case "properties", "patternProperties", "definitions", "dependencies":
		named, ok := x.(map[string]any)
		if !ok {
			return x
		}
		out := make(map[string]any, len(named))
		for name, sub := range named {
			out[name] = draft4(sub, depth+1)
		}
		return out
	case "items", "allOf", "anyOf", "oneOf":
		if list, ok := x.([]any); ok {
			out := make([]any, len(list))
			for i, sub := range list {
				out[i] = draft4(sub, depth+1)
			}
			return out
		}
		return draft4(x, depth+1)
	case "additionalItems", "additionalProperties", "not":
		return draft4(x, depth+1)
	}
	return x
}

// liftRequired adds the properties of in that say "required: true" to
// out's "required" list.
func liftRequired(in, out map[string]any) {
	props, _ := in["properties"].(map[string]any)
	var req []any
	if list, ok := out["required"].([]any); ok {
		req = list
	}
	for name, p := range props {
		if m, ok := p.(map[string]any); ok && m["required"] == true {
			req = append(req, name)
		}
	}
	if len(req) > 0 {
		out["required"] = req
	}
}

// flatten turns the validator's multi-line report into one line.
func flatten(err error) string {
	var parts []string
	for _, line := range strings.Split(err.Error(), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "- at ") {
			parts = append(parts, strings.TrimPrefix(strings.TrimPrefix(line, "- at "), "'': "))
		}
	}
	if len(parts) == 0 {
		return strings.ReplaceAll(err.Error(), "\n", " ")
	}
	return strings.Join(parts, "; ")
}
