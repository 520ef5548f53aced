package pack

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/stormless/stormless/internal/schema"
)

// schemaKeywords are the keywords a parameter may use: draft 4's and
// StackStorm's extensions.
var schemaKeywords = []string{
	"type", "description", "default", "required", "secret", "immutable", "position", "enum",
	"title", "format", "pattern", "minLength", "maxLength", "minimum", "maximum",
	"exclusiveMinimum", "exclusiveMaximum", "multipleOf", "items", "additionalItems",
	"minItems", "maxItems", "uniqueItems", "properties", "patternProperties",
	"additionalProperties", "minProperties", "maxProperties", "dependencies",
	"allOf", "anyOf", "oneOf", "not", "definitions", "$ref", "$schema", "id",
}

// overridable lists what an action may change about a runner parameter.
var overridable = []string{"default", "description", "enum", "immutable", "required"}

// paramSpec is a parameter as written, with where each attribute is.
type paramSpec struct {
	param *Param
	attrs map[string]Pos
}

// params decodes a parameters mapping (name -> schema) of what; nil when
// absent.
func (d *doc) params(n *yaml.Node, what string) map[string]*paramSpec {
	if n == nil || isNull(n) {
		return nil
	}
	f, ok := d.mapping(n, what+" parameters", nil, nil)
	if !ok {
		return nil
	}
	out := make(map[string]*paramSpec, len(f.order))
	for _, kv := range f.order {
		if spec := d.param(kv.key.Value, kv.key, kv.value); spec != nil {
			out[kv.key.Value] = spec
		}
	}
	return out
}

// param decodes one parameter's schema.
func (d *doc) param(name string, key, n *yaml.Node) *paramSpec {
	f, ok := d.mapping(n, fmt.Sprintf("parameter %q", name), schemaKeywords, nil)
	if !ok {
		return nil
	}
	schema, _ := d.value(f.node).(map[string]any)
	spec := &paramSpec{attrs: map[string]Pos{}}
	for _, kv := range f.order {
		spec.attrs[kv.key.Value] = d.pos(kv.key)
	}
	p, problems := newParam(name, schema, d.pos(key))
	for attr, msg := range problems {
		d.r.add(spec.attrs[attr], "parameter %q: %s", name, msg)
	}
	spec.param = p
	return spec
}

// newParam builds a Param from its schema, returning problems by attribute.
func newParam(name string, schema map[string]any, pos Pos) (*Param, map[string]string) {
	p := &Param{Name: name, Schema: schema, Pos: pos, Type: schema["type"]}
	problems := map[string]string{}
	p.Description = stringAttr(schema, "description", problems)
	p.Default, p.HasDefault = schema["default"]
	p.Required = boolAttr(schema, "required", problems)
	p.Secret = boolAttr(schema, "secret", problems)
	p.Immutable = boolAttr(schema, "immutable", problems)
	if v, ok := schema["position"]; ok {
		if i, isInt := v.(int); isInt && i >= 0 {
			p.Position = &i
		} else {
			problems["position"] = fmt.Sprintf("position must be a whole number from 0, got %v", v)
		}
	}
	if v, ok := schema["enum"]; ok {
		if list, isList := v.([]any); isList {
			p.Enum = list
		} else {
			problems["enum"] = fmt.Sprintf("enum must be a list of allowed values, got %v", v)
		}
	}
	return p, problems
}

func boolAttr(schema map[string]any, attr string, problems map[string]string) bool {
	v, ok := schema[attr]
	if !ok || v == nil {
		return false
	}
	b, isBool := v.(bool)
	if !isBool {
		problems[attr] = fmt.Sprintf("%s must be true or false, got %v", attr, v)
	}
	return b
}

func stringAttr(schema map[string]any, attr string, problems map[string]string) string {
	v, ok := schema[attr]
	if !ok || v == nil {
		return ""
	}
	s, isStr := v.(string)
	if !isStr {
		problems[attr] = fmt.Sprintf("%s must be a string, got %v", attr, v)
	}
	return s
}

// checkParam compiles p's schema and checks its default against it,
// reporting at the parameter (or its default) in the file that defines it.
func (r *report) checkParam(p *Param, attrs map[string]Pos) {
	s, err := schema.Compile(p.Schema)
	if err != nil {
		r.add(p.Pos, "parameter %q: invalid JSON Schema: %v", p.Name, err)
		return
	}
	if !p.HasDefault || p.Default == nil || isTemplate(p.Default) {
		return
	}
	if err := s.Validate(p.Default); err != nil {
		at, ok := attrs["default"]
		if !ok {
			at = p.Pos
		}
		r.add(at, "parameter %q: default %s does not match the parameter's schema (%v): fix the default or the schema", p.Name, brief(p.Default), err)
	}
}

// checkPositions reports parameters sharing a position.
func (r *report) checkPositions(params map[string]*Param, local map[string]*paramSpec) {
	seen := map[int]string{}
	for _, name := range slices.Sorted(maps.Keys(params)) {
		p := params[name]
		if p.Position == nil {
			continue
		}
		if other, dup := seen[*p.Position]; dup && local[name] != nil {
			r.add(local[name].attrs["position"], "parameter %q: position %d is already taken by %q: give each positional parameter its own position", name, *p.Position, other)
			continue
		}
		seen[*p.Position] = name
	}
}

// isTemplate reports whether v is a Jinja expression, which StackStorm
// renders before validating.
func isTemplate(v any) bool {
	s, ok := v.(string)
	return ok && (strings.Contains(s, "{{") || strings.Contains(s, "{%"))
}

// brief renders a value for a message, shortened.
func brief(v any) string {
	s := fmt.Sprintf("%#v", v)
	if str, ok := v.(string); ok {
		s = fmt.Sprintf("%q", str)
	}
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

// mergeParams merges an action's parameters over its runner's, as
// StackStorm does: an action may override only default, description, enum,
// immutable and required of a runner parameter (immutable stays true once
// the runner sets it); other attributes must repeat the runner's value.
func (r *report) mergeParams(action string, runner *Runner, local map[string]*paramSpec) map[string]*Param {
	out := make(map[string]*Param, len(local))
	if runner != nil {
		maps.Copy(out, runner.Parameters)
	}
	for _, name := range slices.Sorted(maps.Keys(local)) {
		spec := local[name]
		rp, shared := out[name]
		if !shared {
			out[name] = spec.param
			r.checkParam(spec.param, spec.attrs)
			continue
		}
		merged := r.overrideParam(action, runner.Name, rp, spec)
		out[name] = merged
		r.checkParam(merged, spec.attrs)
	}
	return out
}

// overrideParam applies an action's attributes to the runner parameter rp.
func (r *report) overrideParam(action, runner string, rp *Param, spec *paramSpec) *Param {
	schema := maps.Clone(rp.Schema)
	if schema == nil {
		schema = map[string]any{}
	}
	name := spec.param.Name
	for _, attr := range slices.Sorted(maps.Keys(spec.param.Schema)) {
		v := spec.param.Schema[attr]
		if !contains(overridable, attr) && !equalValues(v, rp.Schema[attr]) {
			r.add(spec.attrs[attr], "parameter %q: action %s may not override the attribute %q of runner %s's parameter (only %s may change): remove it or give the runner's value %s",
				name, action, attr, runner, strings.Join(overridable, ", "), brief(rp.Schema[attr]))
			continue
		}
		if attr == "immutable" && rp.Immutable {
			continue
		}
		schema[attr] = v
	}
	merged, _ := newParam(name, schema, spec.param.Pos)
	return merged
}

// equalValues compares decoded YAML values.
func equalValues(a, b any) bool {
	return fmt.Sprintf("%#v", a) == fmt.Sprintf("%#v", b)
}
