package asl

import "fmt"

var retrierFields = []string{"ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment"}
var catcherFields = []string{"ErrorEquals", "Next", "ResultPath", "Output", "Assign", "Comment"}

func (d *decoder) retriers(s *State, obj map[string]any, ptr string) {
	for i, r := range d.list(obj, "Retry", ptr) {
		rptr := fmt.Sprintf("%s/Retry/%d", ptr, i)
		robj := d.element(r, rptr, retrierFields)
		if robj == nil {
			continue
		}
		rt := Retrier{IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2}
		rt.ErrorEquals = d.errorEquals(robj, rptr)
		if f, ok := d.number(robj, "IntervalSeconds", rptr); ok {
			rt.IntervalSeconds = f
		}
		if n, ok := d.integer(robj, "MaxAttempts", rptr); ok {
			rt.MaxAttempts = n
		}
		if f, ok := d.number(robj, "BackoffRate", rptr); ok {
			rt.BackoffRate = f
		}
		if f, ok := d.number(robj, "MaxDelaySeconds", rptr); ok {
			rt.MaxDelaySeconds = f
		}
		rt.JitterStrategy = d.str(robj, "JitterStrategy", rptr)
		d.checkRetrier(rt, rptr)
		s.Retry = append(s.Retry, rt)
	}
}

func (d *decoder) checkRetrier(rt Retrier, ptr string) {
	if rt.IntervalSeconds < 1 || rt.IntervalSeconds != float64(int64(rt.IntervalSeconds)) {
		d.add(ptr+"/IntervalSeconds", CodeSchema, "IntervalSeconds must be a positive integer")
	}
	if rt.MaxAttempts < 0 || rt.MaxAttempts > 99999999 {
		d.add(ptr+"/MaxAttempts", CodeSchema, "MaxAttempts must be between 0 and 99999999")
	}
	if rt.BackoffRate < 1 {
		d.add(ptr+"/BackoffRate", CodeSchema, "BackoffRate must be at least 1.0")
	}
	if rt.MaxDelaySeconds < 0 {
		d.add(ptr+"/MaxDelaySeconds", CodeSchema, "MaxDelaySeconds must be positive")
	}
	if rt.JitterStrategy != "" && rt.JitterStrategy != "FULL" && rt.JitterStrategy != "NONE" {
		d.add(ptr+"/JitterStrategy", CodeSchema, "JitterStrategy must be FULL or NONE")
	}
}

func (d *decoder) catchers(s *State, obj map[string]any, ptr string) {
	for i, c := range d.list(obj, "Catch", ptr) {
		cptr := fmt.Sprintf("%s/Catch/%d", ptr, i)
		cobj := d.element(c, cptr, catcherFields)
		if cobj == nil {
			continue
		}
		ct := Catcher{ErrorEquals: d.errorEquals(cobj, cptr), Next: d.str(cobj, "Next", cptr)}
		ct.ResultPath = d.pathField(cobj, "ResultPath", cptr)
		ct.Output, ct.HasOutput = present(cobj, "Output")
		ct.Assign = d.object(cobj, "Assign", cptr)
		if ct.ResultPath.Present && s.QueryLanguage == JSONata {
			d.add(cptr+"/ResultPath", CodeSchema, "field \"ResultPath\" is not supported in JSONata states")
		}
		if ct.HasOutput && s.QueryLanguage == JSONPath {
			d.add(cptr+"/Output", CodeSchema, "field \"Output\" is not supported in JSONPath states")
		}
		if ct.Next == "" {
			d.add(cptr+"/Next", CodeMissingNext, "Catch requires Next")
		}
		s.Catch = append(s.Catch, ct)
	}
}

// errorEquals reads ErrorEquals and checks States.ALL comes alone.
func (d *decoder) errorEquals(obj map[string]any, ptr string) []string {
	names := d.strings(obj, "ErrorEquals", ptr)
	if len(names) == 0 {
		d.add(ptr+"/ErrorEquals", CodeSchema, "ErrorEquals must be a non-empty array of strings")
	}
	for _, n := range names {
		if n == ErrorAll && len(names) > 1 {
			d.add(ptr+"/ErrorEquals", CodeSchema, "States.ALL must appear alone in ErrorEquals")
		}
	}
	return names
}

func (d *decoder) list(obj map[string]any, key, ptr string) []any {
	raw, ok := obj[key]
	if !ok {
		return nil
	}
	l, ok := raw.([]any)
	if !ok {
		d.add(ptr+"/"+key, CodeSchema, "%s must be an array", key)
	}
	return l
}

// element checks one array element is an object with only allowed fields.
func (d *decoder) element(v any, ptr string, allowed []string) map[string]any {
	obj, ok := v.(map[string]any)
	if !ok {
		d.add(ptr, CodeSchema, "must be an object")
		return nil
	}
	for _, k := range sortedKeys(obj) {
		if !contains(allowed, k) {
			d.add(ptr+"/"+pointerEscape(k), CodeSchema, "field %q is not supported here", k)
		}
	}
	return obj
}
