package interp

import (
	"strings"
)

// valueExpr is a compiled dynamic value: a path, an intrinsic function call
// or a JSONata template. eval never mutates its inputs.
type valueExpr interface {
	eval(env *evalEnv) (any, *Failure)
}

// template is a compiled payload template (Parameters, ResultSelector,
// ItemSelector, Arguments, Output, Assign ...): literal JSON with dynamic
// leaves. Immutable; safe for concurrent use.
type template struct {
	static any       // the value when nothing in it is dynamic
	dyn    valueExpr // a dynamic leaf
	fields []templateField
	items  []*template
	kind   templateKind
}

type templateKind uint8

const (
	tmplStatic templateKind = iota
	tmplDynamic
	tmplObject
	tmplArray
)

type templateField struct {
	key string
	val *template
}

// compileJSONPathTemplate compiles a JSONPath-mode template: keys ending in
// ".$" hold paths or intrinsic calls.
func compileJSONPathTemplate(t any, ptr string) (*template, error) {
	switch t := t.(type) {
	case map[string]any:
		out := &template{kind: tmplObject}
		dynamic := false
		for _, k := range sortedKeys(t) {
			v := t[k]
			if name, ok := strings.CutSuffix(k, ".$"); ok {
				s, _ := v.(string)
				e, err := compileDollarValue(s, ptr+"/"+k, k)
				if err != nil {
					return nil, err
				}
				out.fields = append(out.fields, templateField{key: name, val: &template{kind: tmplDynamic, dyn: e}})
				dynamic = true
				continue
			}
			sub, err := compileJSONPathTemplate(v, ptr+"/"+k)
			if err != nil {
				return nil, err
			}
			dynamic = dynamic || sub.kind != tmplStatic
			out.fields = append(out.fields, templateField{key: k, val: sub})
		}
		if !dynamic {
			return &template{static: t}, nil
		}
		return out, nil
	case []any:
		return compileArrayTemplate(t, ptr, compileJSONPathTemplate)
	}
	return &template{static: t}, nil
}

func compileArrayTemplate(t []any, ptr string, compile func(any, string) (*template, error)) (*template, error) {
	out := &template{kind: tmplArray}
	dynamic := false
	for _, v := range t {
		sub, err := compile(v, ptr)
		if err != nil {
			return nil, err
		}
		dynamic = dynamic || sub.kind != tmplStatic
		out.items = append(out.items, sub)
	}
	if !dynamic {
		return &template{static: t}, nil
	}
	return out, nil
}

// compileJSONataTemplate compiles a JSONata-mode template: strings of the
// form "{% expr %}" are expressions.
func compileJSONataTemplate(t any, ptr string) (*template, error) {
	switch t := t.(type) {
	case string:
		if !isJSONataTemplate(t) {
			return &template{static: t}, nil
		}
		e, err := compileJSONataField(t, ptr)
		if err != nil {
			return nil, err
		}
		return &template{kind: tmplDynamic, dyn: e}, nil
	case map[string]any:
		out := &template{kind: tmplObject}
		dynamic := false
		for _, k := range sortedKeys(t) {
			sub, err := compileJSONataTemplate(t[k], ptr+"/"+k)
			if err != nil {
				return nil, err
			}
			dynamic = dynamic || sub.kind != tmplStatic
			out.fields = append(out.fields, templateField{key: k, val: sub})
		}
		if !dynamic {
			return &template{static: t}, nil
		}
		return out, nil
	case []any:
		return compileArrayTemplate(t, ptr, compileJSONataTemplate)
	}
	return &template{static: t}, nil
}

// eval instantiates the template. JSONata fields that evaluate to undefined
// are dropped from objects.
func (t *template) eval(env *evalEnv) (any, *Failure) {
	switch t.kind {
	case tmplDynamic:
		return t.dyn.eval(env)
	case tmplObject:
		out := make(map[string]any, len(t.fields))
		for _, f := range t.fields {
			v, fl := f.val.eval(env)
			if fl != nil {
				return nil, fl
			}
			if v == undefined {
				continue
			}
			out[f.key] = v
		}
		return out, nil
	case tmplArray:
		out := make([]any, 0, len(t.items))
		for _, it := range t.items {
			v, fl := it.eval(env)
			if fl != nil {
				return nil, fl
			}
			if v == undefined {
				continue
			}
			out = append(out, v)
		}
		return out, nil
	}
	return t.static, nil
}

func isJSONataTemplate(s string) bool {
	return len(s) >= 4 && strings.HasPrefix(s, "{%") && strings.HasSuffix(s, "%}")
}

// undefinedValue marks a JSONata result that is undefined (no value), as
// distinct from null.
type undefinedValue struct{}

var undefined any = undefinedValue{}
