package interp

import (
	"strings"
	"time"

	"github.com/stormless/stormless/internal/asl"
)

// choiceNode is a compiled choice rule.
type choiceNode struct {
	rule      asl.ChoiceRule
	next      *node
	cond      condition
	assign    *template
	output    *template
	hasOutput bool
}

// condition is a compiled boolean rule.
type condition interface {
	test(env *evalEnv) (bool, *Failure)
}

func compileChoices(n *node) error {
	for i, r := range n.st.Choices {
		c, err := compileCondition(n, r)
		if err != nil {
			return err
		}
		cn := choiceNode{rule: r, cond: c}
		if r.Assign != nil {
			if cn.assign, err = n.tmpl(r.Assign, "Choices/"+itoa(i)+"/Assign"); err != nil {
				return err
			}
		}
		if r.HasOutput {
			if cn.output, err = n.tmpl(r.Output, "Choices/"+itoa(i)+"/Output"); err != nil {
				return err
			}
			cn.hasOutput = true
		}
		n.choices = append(n.choices, cn)
	}
	return nil
}

func compileCondition(n *node, r asl.ChoiceRule) (condition, error) {
	switch {
	case r.HasCondition:
		t, err := compileJSONataTemplate(r.Condition, r.Pointer+"/Condition")
		return &jsonataCondition{t: t}, err
	case r.And != nil || r.Or != nil:
		var subs []condition
		for _, s := range append(append([]asl.ChoiceRule{}, r.And...), r.Or...) {
			c, err := compileCondition(n, s)
			if err != nil {
				return nil, err
			}
			subs = append(subs, c)
		}
		return &boolCondition{and: r.And != nil, subs: subs}, nil
	case r.Not != nil:
		c, err := compileCondition(n, *r.Not)
		return &notCondition{c}, err
	}
	return compileComparison(r)
}

type jsonataCondition struct{ t *template }

func (c *jsonataCondition) test(env *evalEnv) (bool, *Failure) {
	v, f := c.t.eval(env)
	if f != nil {
		return false, f
	}
	b, ok := v.(bool)
	if !ok {
		return false, fail(ErrQueryEvaluation, "The Condition field must evaluate to a boolean, got %s", mustJSON(v))
	}
	return b, nil
}

type boolCondition struct {
	and  bool
	subs []condition
}

func (c *boolCondition) test(env *evalEnv) (bool, *Failure) {
	for _, s := range c.subs {
		ok, f := s.test(env)
		if f != nil {
			return false, f
		}
		if ok != c.and {
			return ok, nil
		}
	}
	return c.and, nil
}

type notCondition struct{ c condition }

func (c *notCondition) test(env *evalEnv) (bool, *Failure) {
	ok, f := c.c.test(env)
	return !ok, f
}

// comparison is a data-test rule: Variable, operator, operand.
type comparison struct {
	variable *pathExpr
	op       string
	operand  any
	opPath   *pathExpr
}

func compileComparison(r asl.ChoiceRule) (condition, error) {
	v, err := compilePath(r.Variable)
	if err != nil {
		return nil, err
	}
	c := &comparison{variable: v, op: r.Operator, operand: r.Operand}
	if r.OperandPath {
		s, _ := r.Operand.(string)
		if c.opPath, err = compilePath(s); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func (c *comparison) test(env *evalEnv) (bool, *Failure) {
	v, found, _ := c.variable.eval(env)
	if c.op == "IsPresent" {
		return found == c.operand.(bool), nil
	}
	if !found {
		return false, fail(ErrRuntime, "Invalid path '%s': The choice state's condition path references an invalid value.", c.variable.src)
	}
	if strings.HasPrefix(c.op, "Is") {
		return typeTest(c.op, v) == c.operand.(bool), nil
	}
	operand := c.operand
	if c.opPath != nil {
		o, ok, _ := c.opPath.eval(env)
		if !ok {
			return false, fail(ErrRuntime, "Invalid path '%s': The choice state's condition path references an invalid value.", c.opPath.src)
		}
		operand = o
	}
	return compare(c.op, v, operand), nil
}

func typeTest(op string, v any) bool {
	switch op {
	case "IsNull":
		return v == nil
	case "IsNumeric":
		_, ok := v.(float64)
		return ok
	case "IsString":
		_, ok := v.(string)
		return ok
	case "IsBoolean":
		_, ok := v.(bool)
		return ok
	case "IsTimestamp":
		s, ok := v.(string)
		if !ok {
			return false
		}
		_, err := parseTimestamp(s)
		return err == nil
	}
	return false
}

// compare applies a comparison operator; mismatched types compare false.
func compare(op string, v, operand any) bool {
	switch {
	case strings.HasPrefix(op, "String"):
		a, ok1 := v.(string)
		b, ok2 := operand.(string)
		if !ok1 || !ok2 {
			return false
		}
		if op == "StringMatches" {
			return wildcardMatch(b, a)
		}
		return ordered(op[len("String"):], strings.Compare(a, b))
	case strings.HasPrefix(op, "Numeric"):
		a, ok1 := v.(float64)
		b, ok2 := operand.(float64)
		if !ok1 || !ok2 {
			return false
		}
		return ordered(op[len("Numeric"):], cmpFloat(a, b))
	case op == "BooleanEquals":
		a, ok1 := v.(bool)
		b, ok2 := operand.(bool)
		return ok1 && ok2 && a == b
	case strings.HasPrefix(op, "Timestamp"):
		return compareTimestamps(op[len("Timestamp"):], v, operand)
	}
	return false
}

func compareTimestamps(rel string, v, operand any) bool {
	a, ok1 := v.(string)
	b, ok2 := operand.(string)
	if !ok1 || !ok2 {
		return false
	}
	ta, err1 := parseTimestamp(a)
	tb, err2 := parseTimestamp(b)
	if err1 != nil || err2 != nil {
		return false
	}
	return ordered(rel, ta.Compare(tb))
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func ordered(rel string, c int) bool {
	switch rel {
	case "Equals":
		return c == 0
	case "LessThan":
		return c < 0
	case "GreaterThan":
		return c > 0
	case "LessThanEquals":
		return c <= 0
	case "GreaterThanEquals":
		return c >= 0
	}
	return false
}

// wildcardMatch implements StringMatches: * matches any run of characters
// (including none); \\* and \\\\ escape.
func wildcardMatch(pattern, s string) bool {
	var lits []string // literal runs separated by stars
	var cur strings.Builder
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; {
		case c == '\\' && i+1 < len(pattern):
			i++
			cur.WriteByte(pattern[i])
		case c == '*':
			lits = append(lits, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	lits = append(lits, cur.String())
	if len(lits) == 1 {
		return s == lits[0]
	}
	if !strings.HasPrefix(s, lits[0]) {
		return false
	}
	s = s[len(lits[0]):]
	last := lits[len(lits)-1]
	for _, l := range lits[1 : len(lits)-1] {
		i := strings.Index(s, l)
		if i < 0 {
			return false
		}
		s = s[i+len(l):]
	}
	return len(s) >= len(last) && strings.HasSuffix(s, last)
}

// parseTimestamp parses an RFC 3339 timestamp as Step Functions accepts it.
func parseTimestamp(s string) (time.Time, error) {
	return time.Parse(time.RFC3339Nano, s)
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}
