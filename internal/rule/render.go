package rule

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"github.com/nikolalohinski/gonja/v2/builtins"
	"github.com/nikolalohinski/gonja/v2/config"
	"github.com/nikolalohinski/gonja/v2/exec"
	"github.com/nikolalohinski/gonja/v2/loaders"
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
		out, err := renderTemplate(complexSrc, kv)
		if err != nil {
			return nil, &RenderError{Template: s, Err: err}
		}
		if v, err := decodeStrictJSON(out); err == nil {
			return v, nil
		}
	}
	out, err := renderTemplate(s, kv)
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

var renderEnv = &exec.Environment{
	Context: exec.EmptyContext().Update(builtins.GlobalFunctions).Update(builtins.GlobalVariables),
	Filters: exec.NewFilterSet(map[string]exec.FilterFunction{
		"to_complex": filterToComplex,
		"pyformat":   filterPyFormat,
	}).Update(builtins.Filters).Update(exec.NewFilterSet(st2Filters)),
	Tests:             builtins.Tests,
	ControlStructures: builtins.ControlStructures,
	Methods:           builtins.Methods,
}

var renderConfig = func() *config.Config {
	c := config.New()
	c.StrictUndefined = true // StackStorm: allow_undefined=False
	c.TrimBlocks = true
	c.LeftStripBlocks = true
	return c
}()

// templateCache keeps parsed templates (their source comes from rule
// files); executing a parsed template does not change it.
var templateCache boundedCache

// renderTemplate renders src with vars; template engine panics become
// errors.
func renderTemplate(src string, vars map[string]any) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("template engine failed: %v", r)
		}
	}()
	tpl, err := parseTemplate(src)
	if err != nil {
		return "", err
	}
	return tpl.ExecuteToString(exec.NewContext(vars))
}

type parsedTemplate struct {
	tpl *exec.Template
	err error
}

// parseTemplate parses a template once, with Python's "%" formatting
// rewritten; safe for concurrent use.
func parseTemplate(src string) (*exec.Template, error) {
	if v, ok := templateCache.Load(src); ok {
		p := v.(parsedTemplate)
		return p.tpl, p.err
	}
	p := parsedTemplate{}
	p.tpl, p.err = parseUncached(src)
	templateCache.Store(src, p)
	return p.tpl, p.err
}

func parseUncached(src string) (tpl *exec.Template, err error) {
	defer func() {
		if r := recover(); r != nil {
			tpl, err = nil, fmt.Errorf("template engine failed: %v", r)
		}
	}()
	loader, err := loaders.NewMemoryLoader(map[string]string{"/pattern": src})
	if err != nil {
		return nil, err
	}
	tpl, err = exec.NewTemplate("/pattern", renderConfig, loader, renderEnv)
	if err != nil {
		return nil, err
	}
	rewriteStringFormat(tpl.Root())
	return tpl, nil
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

// filterToComplex is StackStorm's to_complex: the value as JSON text.
func filterToComplex(_ *exec.Evaluator, in *exec.Value, _ *exec.VarArgs) *exec.Value {
	if in.IsError() {
		return in
	}
	b, err := json.Marshal(in.Interface())
	if err != nil {
		return exec.AsValue(fmt.Errorf("to_complex: %w", err))
	}
	return exec.AsValue(string(b))
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
