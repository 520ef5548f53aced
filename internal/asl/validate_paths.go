package asl

import (
	"fmt"
	"strings"

	"github.com/stormless/stormless/internal/asl/intrinsic"
	"github.com/stormless/stormless/internal/asl/jsonata"
	"github.com/stormless/stormless/internal/asl/path"
)

// paths checks the syntax of path fields and payload templates.
func (v *validator) paths(s *State) {
	if s.QueryLanguage == JSONata {
		v.jsonataFields(s)
		return
	}
	for _, f := range []struct {
		name string
		p    PathField
	}{{"InputPath", s.InputPath}, {"OutputPath", s.OutputPath}, {"ItemsPath", s.ItemsPath}} {
		if f.p.Present && !f.p.Null {
			v.jsonPath(f.p.Path, s.Pointer+"/"+f.name)
		}
	}
	if s.ResultPath.Present && !s.ResultPath.Null {
		v.referencePath(s.ResultPath.Path, s.Pointer+"/ResultPath")
	}
	for name, p := range map[string]string{
		"TimeoutSecondsPath": s.TimeoutSecondsPath, "HeartbeatSecondsPath": s.HeartbeatSecondsPath,
		"SecondsPath": s.SecondsPath, "TimestampPath": s.TimestampPath,
		"ErrorPath": s.ErrorPath, "CausePath": s.CausePath, "MaxConcurrencyPath": s.MaxConcurrencyPath,
	} {
		if p != "" {
			v.jsonPathOrIntrinsic(p, s.Pointer+"/"+name)
		}
	}
	v.template(s.Parameters, s.Pointer+"/Parameters")
	v.template(s.ResultSelector, s.Pointer+"/ResultSelector")
	v.template(s.ItemSelector, s.Pointer+"/ItemSelector")
	for _, r := range s.Choices {
		v.choicePaths(r)
	}
}

func (v *validator) choicePaths(r ChoiceRule) {
	if r.Variable != "" {
		v.jsonPath(r.Variable, r.Pointer+"/Variable")
	}
	if s, ok := r.Operand.(string); ok && r.OperandPath {
		v.jsonPath(s, r.Pointer+"/"+r.Operator+"Path")
	}
	for _, x := range append(append([]ChoiceRule{}, r.And...), r.Or...) {
		v.choicePaths(x)
	}
	if r.Not != nil {
		v.choicePaths(*r.Not)
	}
}

// template checks the ".$" fields of a payload template.
func (v *validator) template(t any, ptr string) {
	switch t := t.(type) {
	case map[string]any:
		for k, x := range t {
			kptr := ptr + "/" + pointerEscape(k)
			if strings.HasSuffix(k, ".$") {
				s, ok := x.(string)
				if !ok {
					v.add(kptr, CodeSchema, "the value of a field ending in .$ must be a path or intrinsic function")
					continue
				}
				v.jsonPathOrIntrinsic(s, kptr)
				continue
			}
			v.template(x, kptr)
		}
	case []any:
		for _, x := range t {
			v.template(x, ptr)
		}
	}
}

func (v *validator) jsonPathOrIntrinsic(s, ptr string) {
	if intrinsic.IsCall(s) {
		call, err := intrinsic.Parse(s)
		if err != nil {
			v.add(ptr, CodeSchema, "invalid intrinsic function call %q: %v", s, err)
			return
		}
		for _, p := range call.Paths() {
			v.jsonPath(p, ptr)
		}
		return
	}
	v.jsonPath(s, ptr)
}

// jsonPath checks a JSONPath (or context or variable) reference.
func (v *validator) jsonPath(s, ptr string) {
	if !strings.HasPrefix(s, "$") {
		v.add(ptr, CodeBadPath, "the value must be a JSONPath starting with $: %q", s)
		return
	}
	if _, err := path.Compile(s); err != nil {
		v.add(ptr, CodeBadPath, "invalid JSONPath %q: %v", s, err)
	}
}

// referencePath checks a path that must name a single node (ResultPath).
func (v *validator) referencePath(s, ptr string) {
	if strings.HasPrefix(s, "$$") {
		v.add(ptr, CodeBadPath, "ResultPath cannot reference the context object: %q", s)
		return
	}
	if _, err := path.ParseReference(s); err != nil {
		v.add(ptr, CodeBadPath, "ResultPath must be a reference path, got %q: %v", s, err)
	}
}

// jsonataFields checks JSONata-state string fields are well-formed templates.
func (v *validator) jsonataFields(s *State) {
	for name, val := range map[string]any{"Arguments": s.Arguments, "Output": s.Output, "Items": s.Items,
		"TimeoutSeconds": s.TimeoutSeconds, "HeartbeatSeconds": s.HeartbeatSeconds, "Seconds": s.Seconds,
		"Timestamp": s.Timestamp, "MaxConcurrency": s.MaxConcurrency, "Assign": s.Assign,
		"ItemSelector": s.ItemSelector, "Error": s.Error, "Cause": s.Cause} {
		v.jsonataTemplate(val, s.Pointer+"/"+name)
	}
	for _, r := range s.Choices {
		if c, ok := r.Condition.(string); ok && !IsJSONataTemplate(c) {
			v.add(r.Pointer+"/Condition", CodeBadJSONata, "Condition must be a JSONata expression {%% ... %%}")
		}
	}
}

// jsonataTemplate checks every "{% %}" string in a JSONata field compiles.
func (v *validator) jsonataTemplate(val any, ptr string) {
	switch x := val.(type) {
	case string:
		if !strings.HasPrefix(x, "{%") {
			return
		}
		if !IsJSONataTemplate(x) {
			v.add(ptr, CodeBadJSONata, "malformed JSONata template %q", x)
			return
		}
		if _, err := jsonata.ParseTemplate(x); err != nil {
			v.add(ptr, CodeBadJSONata, "invalid JSONata expression: %v", err)
		}
	case map[string]any:
		for k, e := range x {
			v.jsonataTemplate(e, ptr+"/"+pointerEscape(k))
		}
	case []any:
		for i, e := range x {
			v.jsonataTemplate(e, fmt.Sprintf("%s/%d", ptr, i))
		}
	}
}

// IsJSONataTemplate reports whether s is a whole "{% expr %}" template.
func IsJSONataTemplate(s string) bool {
	return len(s) >= 4 && strings.HasPrefix(s, "{%") && strings.HasSuffix(s, "%}")
}
