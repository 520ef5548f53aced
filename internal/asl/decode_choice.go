package asl

import (
	"fmt"
	"strings"
)

func (d *decoder) choiceState(s *State, obj map[string]any, ptr string) {
	s.Default = d.str(obj, "Default", ptr)
	list, ok := obj["Choices"].([]any)
	if !ok || len(list) == 0 {
		d.add(ptr+"/Choices", CodeSchema, "Choices must be a non-empty array")
		return
	}
	for i, r := range list {
		rptr := fmt.Sprintf("%s/Choices/%d", ptr, i)
		rule := d.choiceRule(r, rptr, s.QueryLanguage, true)
		s.Choices = append(s.Choices, rule)
	}
}

func (d *decoder) choiceRule(v any, ptr string, lang QueryLanguage, top bool) ChoiceRule {
	obj, ok := v.(map[string]any)
	if !ok {
		d.add(ptr, CodeSchema, "choice rule must be an object")
		return ChoiceRule{Pointer: ptr}
	}
	r := ChoiceRule{Pointer: ptr}
	if top {
		r.Next = d.str(obj, "Next", ptr)
		if r.Next == "" {
			d.add(ptr+"/Next", CodeMissingNext, "choice rule requires Next")
		}
		r.Assign = d.object(obj, "Assign", ptr)
		r.Output, r.HasOutput = present(obj, "Output")
	}
	if lang == JSONata {
		d.jsonataRule(&r, obj, ptr, top)
		return r
	}
	d.jsonPathRule(&r, obj, ptr, top)
	return r
}

func (d *decoder) jsonataRule(r *ChoiceRule, obj map[string]any, ptr string, top bool) {
	for _, k := range sortedKeys(obj) {
		if k != "Condition" && k != "Comment" && !(top && (k == "Next" || k == "Assign" || k == "Output")) {
			d.add(ptr+"/"+pointerEscape(k), CodeSchema, "field %q is not supported in JSONata choice rules", k)
		}
	}
	r.Condition, r.HasCondition = present(obj, "Condition")
	if !r.HasCondition {
		d.add(ptr+"/Condition", CodeSchema, "JSONata choice rule requires Condition")
	}
}

func (d *decoder) jsonPathRule(r *ChoiceRule, obj map[string]any, ptr string, top bool) {
	kinds := 0
	for _, k := range sortedKeys(obj) {
		switch {
		case k == "Variable" || k == "Comment" || (top && (k == "Next" || k == "Assign")):
		case k == "And" || k == "Or":
			kinds++
			d.ruleList(r, obj, k, ptr)
		case k == "Not":
			kinds++
			n := d.choiceRule(obj[k], ptr+"/Not", JSONPath, false)
			r.Not = &n
		case isOperator(k):
			kinds++
			r.Operator = strings.TrimSuffix(k, "Path")
			r.OperandPath = r.Operator != k
			r.Operand = obj[k]
			d.checkOperand(r, ptr+"/"+k)
		default:
			d.add(ptr+"/"+pointerEscape(k), CodeSchema, "field %q is not supported in choice rules", k)
		}
	}
	r.Variable = d.str(obj, "Variable", ptr)
	if kinds != 1 {
		d.add(ptr, CodeSchema, "choice rule must have exactly one comparison, And, Or or Not")
	}
	if r.Operator != "" && r.Variable == "" {
		d.add(ptr+"/Variable", CodeSchema, "comparison requires Variable")
	}
}

func (d *decoder) ruleList(r *ChoiceRule, obj map[string]any, key, ptr string) {
	list, ok := obj[key].([]any)
	if !ok || len(list) == 0 {
		d.add(ptr+"/"+key, CodeSchema, "%s must be a non-empty array", key)
		return
	}
	var rules []ChoiceRule
	for i, x := range list {
		rules = append(rules, d.choiceRule(x, fmt.Sprintf("%s/%s/%d", ptr, key, i), JSONPath, false))
	}
	if key == "And" {
		r.And = rules
	} else {
		r.Or = rules
	}
}

func isOperator(k string) bool {
	if _, ok := comparisonOperators[k]; ok {
		return true
	}
	base, found := strings.CutSuffix(k, "Path")
	return found && comparisonOperators[base]
}

func (d *decoder) checkOperand(r *ChoiceRule, ptr string) {
	if r.OperandPath {
		if _, ok := r.Operand.(string); !ok {
			d.add(ptr, CodeSchema, "path operand must be a string")
		}
		return
	}
	var ok bool
	switch {
	case strings.HasPrefix(r.Operator, "String"), strings.HasPrefix(r.Operator, "Timestamp"):
		_, ok = r.Operand.(string)
	case strings.HasPrefix(r.Operator, "Numeric"):
		_, ok = r.Operand.(float64)
	default: // BooleanEquals and Is* tests
		_, ok = r.Operand.(bool)
	}
	if !ok {
		d.add(ptr, CodeSchema, "operand of %s has the wrong type", r.Operator)
	}
}
