package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// resourceURL names the in-memory resource each schema is compiled from.
const resourceURL = "urn:stormless:schema.json"

// maxDepth bounds how deep Compile rewrites nested subschemas, so a
// hostile document cannot exhaust the stack.
const maxDepth = 256

// Schema is a compiled schema. It is safe for concurrent use.
type Schema struct {
	s *jsonschema.Schema
}

// Compile compiles doc, a schema in StackStorm's dialect, as decoded from
// YAML or JSON. The error is one line naming every problem found. doc is
// left untouched.
func Compile(doc map[string]any) (*Schema, error) {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	c.UseLoader(refuseLoader{})
	norm, err := jsonValue(draft4(doc, 0))
	if err != nil {
		return nil, fmt.Errorf("reading schema: %w", err)
	}
	if err := c.AddResource(resourceURL, norm); err != nil {
		return nil, errors.New(flatten(err))
	}
	s, err := c.Compile(resourceURL)
	if err != nil {
		return nil, errors.New(flatten(err))
	}
	return &Schema{s: s}, nil
}

// Validate checks v, any value that encodes to JSON, against the schema.
// A value that does not match gives a *ValidationError, whose text is one
// line listing every violation with its location, e.g. "/count: got
// string, want integer"; a value that does not encode to JSON gives
// another error.
func (s *Schema) Validate(v any) error {
	jv, err := jsonValue(v)
	if err != nil {
		return fmt.Errorf("reading value: %w", err)
	}
	if err := s.s.Validate(jv); err != nil {
		return validationError(err)
	}
	return nil
}

// refuseLoader keeps "$ref" from reading files or the network.
type refuseLoader struct{}

func (refuseLoader) Load(url string) (any, error) {
	return nil, fmt.Errorf("loading %s: only references inside the schema are allowed", url)
}

// jsonValue converts v to the validator's JSON model (json.Number numbers),
// whatever Go types YAML or callers used.
func jsonValue(v any) (any, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return jsonschema.UnmarshalJSON(bytes.NewReader(raw))
}

// extensions are StackStorm's keywords that draft 4 does not know, and
// "format", which StackStorm never asserts.
var extensions = []string{"secret", "immutable", "position", "format"}

// draft4 rewrites StackStorm's dialect into plain draft 4: boolean
// "required" on a property moves into its parent's "required" list and the
// extensions are dropped.
func draft4(v any, depth int) any {
	m, ok := v.(map[string]any)
	if !ok || depth > maxDepth {
		return v
	}
	out := make(map[string]any, len(m))
	for k, x := range m {
		if slices.Contains(extensions, k) {
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
// out's "required" list, in name order.
func liftRequired(in, out map[string]any) {
	props, _ := in["properties"].(map[string]any)
	req, _ := out["required"].([]any)
	names := make([]string, 0, len(props))
	for name, p := range props {
		if m, ok := p.(map[string]any); ok && m["required"] == true {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, n := range names {
		req = append(req, n)
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
