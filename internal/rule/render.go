package rule

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"github.com/nikolalohinski/gonja/v2/exec"
	"github.com/nikolalohinski/gonja/v2/nodes"
	"github.com/nikolalohinski/gonja/v2/tokens"
)

// RenderError reports a criteria pattern whose Jinja template failed to
// render; StackStorm treats the criterion as not matching.
type RenderError struct {
	Template string
	Err      error
}

// Error names the template and the cause.
func (e *RenderError) Error() string {
	return fmt.Sprintf("rendering pattern %q: %v", e.Template, e.Err)
}

// Unwrap returns the cause.
func (e *RenderError) Unwrap() error { return e.Err }

// matchCriteria is StackStorm's MATCH_CRITERIA: the expression whose value
// is piped through to_complex so that templated patterns keep their type.
var matchCriteria = regexp.MustCompile(`(\{\{)\s*(.*)\s*(\}\})`)

// isTemplated reports whether a pattern is a string holding Jinja syntax.
func isTemplated(p any) bool {
	s, ok := p.(string)
	return ok && (strings.Contains(s, "{{") || strings.Contains(s, "{%") || strings.Contains(s, "{#"))
}

// renderPattern renders a criteria pattern as StackStorm does: non-strings
// as they are; strings with "{{ ... }}" first with the expression piped
// through to_complex and JSON-decoded, falling back to a plain render when
// the result is not JSON; other strings rendered plainly.
func renderPattern(ctx context.Context, pattern any, vars map[string]any, ds Datastore) (any, error) {
	s, ok := pattern.(string)
	if !ok {
		return pattern, nil
	}
	if !isTemplated(s) {
		return literalText(s), nil
	}
	kv, err := datastoreContext(ctx, ds, s)
	if err != nil {
		return nil, &RenderError{Template: s, Err: err}
	}
	for k, v := range vars {
		kv[k] = plain(v)
	}
	if matchCriteria.MatchString(s) {
		complexSrc := matchCriteria.ReplaceAllString(s, "${1}${2} | to_complex${3}")
		out, err := env.Render(complexSrc, kv)
		if err != nil {
			return nil, &RenderError{Template: s, Err: err}
		}
		if v, err := decodeStrictJSON(out); err == nil {
			return v, nil
		}
	}
	out, err := env.Render(s, kv)
	if err != nil {
		return nil, &RenderError{Template: s, Err: err}
	}
	return out, nil
}

// literalText is what Jinja renders for a string without template syntax:
// newlines normalized to "\n" and one trailing newline dropped.
func literalText(s string) string {
	if !strings.ContainsRune(s, '\r') && !strings.HasSuffix(s, "\n") {
		return s
	}
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	return strings.TrimSuffix(s, "\n")
}

// literalPattern is a non-templated pattern as the operators see it.
func literalPattern(p any) any {
	if s, ok := p.(string); ok {
		return literalText(s)
	}
	return p
}

// decodeStrictJSON decodes rendered text as StackStorm's json_decode
// (orjson) does: strict JSON, integers limited to 64 bits.
func decodeStrictJSON(s string) (any, error) {
	v, err := decodeJSON([]byte(s))
	if err != nil {
		return nil, err
	}
	if !fitsOrjson(v) {
		return nil, errors.New("integer exceeds 64-bit range")
	}
	return v, nil
}

func fitsOrjson(v any) bool {
	switch x := v.(type) {
	case number:
		return x.isFloat || x.i.IsInt64() || x.i.IsUint64()
	case []any:
		for _, e := range x {
			if !fitsOrjson(e) {
				return false
			}
		}
	case map[string]any:
		for _, e := range x {
			if !fitsOrjson(e) {
				return false
			}
		}
	}
	return true
}

// rewriteStringFormat turns Python's "'fmt' % args" (which gonja reads as
// integer modulo) into "'fmt' | pyformat(args) ~ ”".
func rewriteStringFormat(root nodes.Node) {
	walkNodes(reflect.ValueOf(root), map[uintptr]bool{}, func(n any) {
		if be, ok := n.(*nodes.BinaryExpression); ok {
			rewriteModulo(be)
		}
	})
}

func rewriteModulo(be *nodes.BinaryExpression) {
	if be.Operator == nil || be.Operator.Token == nil || be.Operator.Token.Type != tokens.Modulo {
		return
	}
	if _, isString := be.Left.(*nodes.String); !isString {
		return
	}
	tok := be.Operator.Token
	be.Left = &nodes.FilteredExpression{
		Expression: be.Left,
		Filters:    []*nodes.FilterCall{{Token: tok, Name: "pyformat", Args: []nodes.Expression{be.Right}}},
	}
	be.Right = &nodes.String{Location: tok, Val: ""}
	be.Operator = &nodes.BinOperator{Token: &tokens.Token{Type: tokens.Tilde, Val: "~", Pos: tok.Pos}}
}

// walkNodes visits every pointer reachable from v (gonja's own walker only
// descends into templates and wrappers), each once.
func walkNodes(v reflect.Value, seen map[uintptr]bool, visit func(any)) {
	switch v.Kind() {
	case reflect.Interface:
		if !v.IsNil() {
			walkNodes(v.Elem(), seen, visit)
		}
	case reflect.Pointer:
		if v.IsNil() || seen[v.Pointer()] {
			return
		}
		seen[v.Pointer()] = true
		if v.CanInterface() {
			visit(v.Interface())
		}
		walkNodes(v.Elem(), seen, visit)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				walkNodes(v.Field(i), seen, visit)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			walkNodes(v.Index(i), seen, visit)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			walkNodes(v.MapIndex(k), seen, visit)
		}
	}
}

// formatArgs spreads a tuple or list argument of "%" into its items.
func formatArgs(a any) []any {
	switch l := a.(type) {
	case exec.ValuesList:
		out := make([]any, len(l))
		for i, v := range l {
			out[i] = v.Interface()
		}
		return out
	case []any:
		return l
	}
	return []any{a}
}

// filterPyFormat applies Python's printf-style "%" formatting.
func filterPyFormat(_ *exec.Evaluator, in *exec.Value, params *exec.VarArgs) *exec.Value {
	if in.IsError() {
		return in
	}
	var args []any
	if len(params.Args) > 0 {
		if params.Args[0].IsError() {
			return params.Args[0]
		}
		args = formatArgs(params.Args[0].Interface())
	}
	out, err := pyPercent(in.String(), args)
	if err != nil {
		return exec.AsValue(err)
	}
	return exec.AsValue(out)
}
