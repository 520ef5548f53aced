package sensor

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// compileSchema compiles a payload_schema in StackStorm's dialect: draft
// 4 where a property may say "required: true", and "format" not asserted.
// internal/pack has the same rewrite unexported; once it exports payload
// validation, this file goes.
func compileSchema(schema map[string]any) (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	c.UseLoader(refuseLoader{})
	if err := c.AddResource("urn:stormless:payload.json", draft4(schema)); err != nil {
		return nil, fmt.Errorf("adding schema: %w", err)
	}
	return c.Compile("urn:stormless:payload.json")
}

type refuseLoader struct{}

func (refuseLoader) Load(url string) (any, error) {
	return nil, fmt.Errorf("loading %s: only references inside the schema are allowed", url)
}

// draft4 returns schema node v with boolean "required" lifted into the
// parent's list and "format" dropped, recursing only into subschemas.
func draft4(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	out := map[string]any{}
	for k, e := range m {
		if _, isBool := e.(bool); k == "format" || (k == "required" && isBool) {
			continue
		}
		out[k] = draft4Keyword(k, e)
	}
	liftRequired(m, out)
	return out
}

// draft4Keyword rewrites the subschemas held by keyword k.
func draft4Keyword(k string, e any) any {
	switch k {
	case "properties", "patternProperties", "definitions", "dependencies":
		if named, ok := e.(map[string]any); ok {
			out := map[string]any{}
			for name, sub := range named {
				out[name] = draft4(sub)
			}
			return out
		}
	case "items", "allOf", "anyOf", "oneOf":
		if list, ok := e.([]any); ok {
			out := make([]any, len(list))
			for i, sub := range list {
				out[i] = draft4(sub)
			}
			return out
		}
		return draft4(e)
	case "additionalItems", "additionalProperties", "not":
		return draft4(e)
	}
	return e
}

// liftRequired adds the properties of in saying "required: true" to out's
// "required" list.
func liftRequired(in, out map[string]any) {
	req, _ := out["required"].([]any)
	props, _ := in["properties"].(map[string]any)
	for name, p := range props {
		if pm, ok := p.(map[string]any); ok && pm["required"] == true {
			req = append(req, name)
		}
	}
	if len(req) > 0 {
		out["required"] = req
	}
}

// toJSONValue converts a Go value to the validator's JSON model.
func toJSONValue(v any) (any, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encoding payload: %w", err)
	}
	return jsonschema.UnmarshalJSON(bytes.NewReader(raw))
}

// flatten turns the validator's report into one line.
func flatten(err error) string {
	var parts []string
	for _, line := range strings.Split(err.Error(), "\n") {
		if line = strings.TrimSpace(line); strings.HasPrefix(line, "- at ") {
			parts = append(parts, strings.TrimPrefix(line, "- at "))
		}
	}
	if len(parts) == 0 {
		return strings.ReplaceAll(err.Error(), "\n", " ")
	}
	return strings.Join(parts, "; ")
}
