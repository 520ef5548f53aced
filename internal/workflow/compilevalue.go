package workflow

import (
	"bytes"
	"errors"
	"strings"

	"github.com/stormless/stormless/internal/asl/jsonata"
	"github.com/stormless/stormless/internal/workflow/expr"
)

// render turns a workflow Value into an ASL JSONata field value: maps and
// lists keep their shape, strings with expressions become "{% ... %}".
// Problems are recorded; st2kv() lookups go to c.kv.
func (c *compiler) render(v *Value, s *expr.Scope) any {
	switch {
	case v == nil:
		return nil
	case v.IsMap():
		o := newObject()
		for i, k := range v.Keys {
			o.set(k, c.render(v.Map[i], s))
		}
		return o
	case v.IsList():
		l := make([]any, len(v.List))
		for i, x := range v.List {
			l[i] = c.render(x, s)
		}
		return l
	}
	str, ok := v.AsString()
	if !ok {
		return v.Scalar
	}
	r := c.template(v, str, s)
	if r == nil {
		return nil
	}
	if !r.IsExpr() && (r.Literal == "" || strings.ContainsAny(r.Literal, "\r\n")) {
		// The same string as an expression: asl-validator's schema accepts
		// neither empty nor multi-line literal strings in JSONata fields.
		return jexpr(expr.Quote(r.Literal))
	}
	return r.Value()
}

// template translates one string, recording errors and references.
func (c *compiler) template(at *Value, str string, s *expr.Scope) *expr.Rendered {
	r, err := expr.TranslateTemplate(str, s)
	if err != nil {
		c.translateError(at, str, err)
		return nil
	}
	if r.IsExpr() {
		if _, err := jsonata.Compile(r.JSONata); err != nil {
			c.addErr(&Error{Pos: at.Pos, Expr: str, Err: err,
				Msg: "the expression's translation " + r.JSONata + " is not valid JSONata (a compiler bug, please report it): " + jsonataMsg(err)})
			return nil
		}
	}
	for _, t := range r.Tasks {
		c.taskRefs[t] = true
	}
	for _, k := range r.KV {
		if !containsKV(c.kv, k) {
			c.kv = append(c.kv, k)
		}
	}
	return r
}

func containsKV(list []expr.KVRef, k expr.KVRef) bool {
	for _, x := range list {
		if x == k {
			return true
		}
	}
	return false
}

// jsonata returns v as a JSONata expression (no {% %}): a translated
// template, or the JSON of any other value.
func (c *compiler) jsonata(v *Value, s *expr.Scope) string {
	if str, ok := v.AsString(); ok {
		r := c.template(v, str, s)
		switch {
		case r == nil:
			return "null"
		case r.IsExpr():
			return r.JSONata
		}
	}
	return jsonLiteral(v.Interface())
}

// jsonataValue returns v as one JSONata expression building the same
// value render builds as a field: maps and lists as constructors,
// templates translated.
func (c *compiler) jsonataValue(v *Value, s *expr.Scope) string {
	switch {
	case v == nil:
		return "null"
	case v.IsMap():
		parts := make([]string, len(v.Keys))
		for i, k := range v.Keys {
			parts[i] = expr.Quote(k) + ": " + c.jsonataValue(v.Map[i], s)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case v.IsList():
		parts := make([]string, len(v.List))
		for i, x := range v.List {
			parts[i] = c.jsonataValue(x, s)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	if str, ok := v.AsString(); ok {
		if r := c.template(v, str, s); r != nil && r.IsExpr() {
			return "(" + r.JSONata + ")"
		}
		return expr.Quote(str)
	}
	return jsonLiteral(v.Scalar)
}

// condition returns v as a boolean JSONata expression (Choice conditions
// must be booleans; StackStorm tests truthiness).
func (c *compiler) condition(v *Value, s *expr.Scope) string {
	if str, ok := v.AsString(); ok {
		r := c.template(v, str, s)
		switch {
		case r == nil:
			return "false"
		case r.IsExpr() && r.Boolean:
			return r.JSONata
		case r.IsExpr():
			return "$boolean(" + r.JSONata + ")"
		}
	}
	return "$boolean(" + jsonLiteral(v.Interface()) + ")"
}

// jsonLiteral renders a plain Go value as compact JSON, which JSONata
// reads as a literal.
func jsonLiteral(v any) string {
	var b bytes.Buffer
	if encode(&b, v) != nil {
		return "null"
	}
	return b.String()
}

// translateError records a translation problem with its position.
func (c *compiler) translateError(at *Value, str string, err error) {
	e := &Error{Pos: at.Pos, Expr: str, Msg: "translating expression: " + err.Error(), Err: err}
	var xe *expr.Error
	if errors.As(err, &xe) {
		e.Expr, e.Msg, e.Hint = xe.Expr, "translating expression: "+xe.Msg, xe.Hint
		if xe.Offset >= 0 {
			if seg := strings.Index(str, xe.Expr); seg >= 0 {
				e.Pos = exprPos(at, seg+xe.Offset)
			}
		}
	}
	c.addErr(e)
}

// takeKV returns and clears the st2kv() lookups collected so far.
func (c *compiler) takeKV() []expr.KVRef {
	kv := c.kv
	c.kv = nil
	return kv
}

// expr wraps a JSONata expression as a field value.
func jexpr(s string) string { return "{% " + s + " %}" }
