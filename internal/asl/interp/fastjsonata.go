package interp

import (
	"strconv"
	"strings"
)

// fastExpr evaluates a few JSONata shapes that state machines use on every
// transition (a path over $states or a variable, a path compared with a
// string, an object of paths and literals, $merge of a path and an object
// literal, $exists(path) ? path : number) straight on the generic values,
// without binding variables or running the JSONata engine. It answers only
// when every path walks objects and ends on a string, number, boolean or
// object; anything else (arrays, null, a missing step where a value is
// needed, a function name shadowed by a variable) is left to the engine,
// so results are the engine's.
type fastExpr interface {
	eval(env *evalEnv) (any, bool)
}

// compileFastExpr returns the fast form of expr, or nil when expr has none
// of the shapes above.
func compileFastExpr(expr string) fastExpr {
	p := &fastParser{s: expr}
	e := p.expr()
	p.space()
	if e == nil || p.i != len(p.s) {
		return nil
	}
	return e
}

// fastParser reads expr from i.
type fastParser struct {
	s string
	i int
}

func (p *fastParser) space() {
	for p.i < len(p.s) && strings.IndexByte(" \t\r\n", p.s[p.i]) >= 0 {
		p.i++
	}
}

// eat consumes tok (after spaces) when it comes next.
func (p *fastParser) eat(tok string) bool {
	p.space()
	if strings.HasPrefix(p.s[p.i:], tok) {
		p.i += len(tok)
		return true
	}
	return false
}

func (p *fastParser) expr() fastExpr {
	p.space()
	switch {
	case strings.HasPrefix(p.s[p.i:], "$merge("):
		return p.merge()
	case strings.HasPrefix(p.s[p.i:], "$exists("):
		return p.exists()
	case p.i < len(p.s) && p.s[p.i] == '{':
		return p.object()
	}
	path := p.path()
	if path == nil {
		return nil
	}
	if p.eat("=") {
		lit, ok := p.str()
		if !ok {
			return nil
		}
		return fastEquals{path: *path, lit: lit}
	}
	return *path
}

// path reads $states.input|result|errorOutput or $name, then .field steps
// of plain identifiers.
func (p *fastParser) path() *fastPath {
	p.space()
	if !strings.HasPrefix(p.s[p.i:], "$") {
		return nil
	}
	p.i++
	root := p.ident()
	if root == "" {
		return nil
	}
	fp := &fastPath{root: root}
	for p.i < len(p.s) && p.s[p.i] == '.' {
		p.i++
		f := p.ident()
		if f == "" {
			return nil
		}
		fp.steps = append(fp.steps, f)
	}
	if root == "states" {
		if len(fp.steps) == 0 {
			return nil
		}
		switch fp.steps[0] {
		case "input", "result", "errorOutput":
		default:
			return nil
		}
	}
	return fp
}

func (p *fastParser) ident() string {
	j := p.i
	for j < len(p.s) && (isIdentStart(p.s[j]) || (j > p.i && p.s[j] >= '0' && p.s[j] <= '9')) {
		j++
	}
	id := p.s[p.i:j]
	p.i = j
	return id
}

// str reads a quoted string without escapes.
func (p *fastParser) str() (string, bool) {
	p.space()
	if p.i >= len(p.s) || (p.s[p.i] != '\'' && p.s[p.i] != '"') {
		return "", false
	}
	q := p.s[p.i]
	end := strings.IndexByte(p.s[p.i+1:], q)
	if end < 0 {
		return "", false
	}
	lit := p.s[p.i+1 : p.i+1+end]
	if strings.ContainsRune(lit, '\\') {
		return "", false
	}
	p.i += end + 2
	return lit, true
}

// number reads a non-negative integer literal.
func (p *fastParser) number() (float64, bool) {
	p.space()
	j := p.i
	for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
		j++
	}
	if j == p.i || j-p.i > 15 || (p.s[p.i] == '0' && j-p.i > 1) {
		return 0, false
	}
	n, err := strconv.Atoi(p.s[p.i:j])
	p.i = j
	return float64(n), err == nil
}

// object reads {'key': value, ...} with values a string, a number or a
// path; keys are distinct.
func (p *fastParser) object() fastExpr {
	if !p.eat("{") {
		return nil
	}
	o := fastObject{}
	if p.eat("}") {
		return o
	}
	for {
		k, ok := p.str()
		if !ok || !p.eat(":") || o.has(k) {
			return nil
		}
		p.space()
		var v fastExpr
		if s, ok := p.str(); ok {
			v = fastLiteral{s}
		} else if n, ok := p.number(); ok {
			v = fastLiteral{n}
		} else if path := p.path(); path != nil {
			v = *path
		} else {
			return nil
		}
		o = append(o, fastField{k, v})
		if p.eat("}") {
			return o
		}
		if !p.eat(",") {
			return nil
		}
	}
}

// merge reads $merge([path, {literal object}]).
func (p *fastParser) merge() fastExpr {
	if !p.eat("$merge(") || !p.eat("[") {
		return nil
	}
	base := p.path()
	if base == nil || !p.eat(",") {
		return nil
	}
	p.space()
	obj, ok := p.object().(fastObject)
	if !ok || !obj.literal() || !p.eat("]") || !p.eat(")") {
		return nil
	}
	return fastMerge{base: *base, over: obj}
}

// exists reads $exists(path) ? path : number.
func (p *fastParser) exists() fastExpr {
	if !p.eat("$exists(") {
		return nil
	}
	test := p.path()
	if test == nil || !p.eat(")") || !p.eat("?") {
		return nil
	}
	then := p.path()
	if then == nil || !p.eat(":") {
		return nil
	}
	n, ok := p.number()
	if !ok {
		return nil
	}
	return fastExists{test: *test, then: *then, otherwise: n}
}

// fastPath is $root.steps...
type fastPath struct {
	root  string
	steps []string
}

// resolve walks the path: the value and true when it ends on a value the
// fast form returns; found false (ok true) when a step is missing from an
// object; ok false when the engine must decide.
func (fp fastPath) resolve(env *evalEnv) (v any, found, ok bool) {
	steps := fp.steps
	switch {
	case fp.root == "states" && steps[0] == "input":
		v = env.states.input
	case fp.root == "states" && steps[0] == "result":
		if !env.states.hasResult {
			return nil, false, false
		}
		v = env.states.result
	case fp.root == "states":
		if !env.states.hasError {
			return nil, false, false
		}
		v = env.states.errorOutput
	default:
		var has bool
		if v, has = env.th.vars.lookup(fp.root); !has {
			return nil, false, false
		}
	}
	if fp.root == "states" {
		steps = steps[1:]
	}
	for _, s := range steps {
		m, isMap := v.(map[string]any)
		if !isMap {
			return nil, false, false
		}
		if v, found = m[s]; !found {
			return nil, false, true
		}
	}
	switch v.(type) {
	case string, float64, bool, map[string]any:
		return v, true, true
	}
	return nil, false, false
}

func (fp fastPath) eval(env *evalEnv) (any, bool) {
	v, found, ok := fp.resolve(env)
	return v, ok && found
}

// fastEquals is path = 'literal' over a string value.
type fastEquals struct {
	path fastPath
	lit  string
}

func (e fastEquals) eval(env *evalEnv) (any, bool) {
	v, ok := e.path.eval(env)
	s, isString := v.(string)
	if !ok || !isString {
		return nil, false
	}
	return s == e.lit, true
}

// fastLiteral is a string or number literal.
type fastLiteral struct{ v any }

func (l fastLiteral) eval(*evalEnv) (any, bool) { return l.v, true }

type fastField struct {
	key string
	val fastExpr
}

// fastObject is an object constructor whose every value is defined.
type fastObject []fastField

func (o fastObject) has(k string) bool {
	for _, f := range o {
		if f.key == k {
			return true
		}
	}
	return false
}

func (o fastObject) literal() bool {
	for _, f := range o {
		if _, ok := f.val.(fastLiteral); !ok {
			return false
		}
	}
	return true
}

func (o fastObject) eval(env *evalEnv) (any, bool) {
	out := make(map[string]any, len(o))
	for _, f := range o {
		v, ok := f.val.eval(env)
		if !ok {
			return nil, false
		}
		out[f.key] = v
	}
	return out, true
}

// fastMerge is $merge([path, {literals}]) over an object.
type fastMerge struct {
	base fastPath
	over fastObject
}

func (m fastMerge) eval(env *evalEnv) (any, bool) {
	if shadowed(env, "merge") {
		return nil, false
	}
	v, ok := m.base.eval(env)
	base, isMap := v.(map[string]any)
	if !ok || !isMap {
		return nil, false
	}
	out := make(map[string]any, len(base)+len(m.over))
	for k, e := range base {
		out[k] = e
	}
	for _, f := range m.over {
		out[f.key] = f.val.(fastLiteral).v
	}
	return out, true
}

// fastExists is $exists(test) ? then : otherwise.
type fastExists struct {
	test, then fastPath
	otherwise  float64
}

func (e fastExists) eval(env *evalEnv) (any, bool) {
	if shadowed(env, "exists") {
		return nil, false
	}
	_, found, ok := e.test.resolve(env)
	switch {
	case !ok:
		return nil, false
	case !found:
		return e.otherwise, true
	}
	return e.then.eval(env)
}

// shadowed reports whether a workflow variable hides the function name.
func shadowed(env *evalEnv, name string) bool {
	_, ok := env.th.vars.lookup(name)
	return ok
}
