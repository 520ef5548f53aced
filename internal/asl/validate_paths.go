package asl

import (
	"strings"
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
	if strings.HasPrefix(s, "States.") {
		if !strings.HasSuffix(strings.TrimSpace(s), ")") || !strings.Contains(s, "(") {
			v.add(ptr, CodeSchema, "invalid intrinsic function call %q", s)
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
	if strings.Count(s, "[") != strings.Count(s, "]") {
		v.add(ptr, CodeBadPath, "unbalanced brackets in path %q", s)
	}
}

// referencePath checks a path that must name a single node (ResultPath).
func (v *validator) referencePath(s, ptr string) {
	v.jsonPath(s, ptr)
	if strings.ContainsAny(s, "*?@") || strings.Contains(s, "..") || strings.Contains(s, ":") {
		v.add(ptr, CodeBadPath, "ResultPath must be a reference path, got %q", s)
	}
	if strings.HasPrefix(s, "$$") {
		v.add(ptr, CodeBadPath, "ResultPath cannot reference the context object: %q", s)
	}
}

// jsonataFields checks JSONata-state string fields are well-formed templates.
func (v *validator) jsonataFields(s *State) {
	for name, val := range map[string]any{"Arguments": s.Arguments, "Output": s.Output, "Items": s.Items,
		"TimeoutSeconds": s.TimeoutSeconds, "HeartbeatSeconds": s.HeartbeatSeconds, "Seconds": s.Seconds,
		"Timestamp": s.Timestamp, "MaxConcurrency": s.MaxConcurrency} {
		v.jsonataTemplate(val, s.Pointer+"/"+name)
	}
	for _, r := range s.Choices {
		if c, ok := r.Condition.(string); ok && !IsJSONataTemplate(c) {
			v.add(r.Pointer+"/Condition", CodeBadJSONata, "Condition must be a JSONata expression {%% ... %%}")
		}
	}
}

func (v *validator) jsonataTemplate(val any, ptr string) {
	s, ok := val.(string)
	if !ok {
		return
	}
	if strings.HasPrefix(strings.TrimSpace(s), "{%") && !IsJSONataTemplate(s) {
		v.add(ptr, CodeBadJSONata, "malformed JSONata template %q", s)
	}
}

// IsJSONataTemplate reports whether s is a whole "{% expr %}" template.
func IsJSONataTemplate(s string) bool {
	return len(s) >= 4 && strings.HasPrefix(s, "{%") && strings.HasSuffix(s, "%}")
}
