package expr

import (
	"regexp"
	"strings"
)

// regex translates StackStorm's regex_match (anchored at the start, like
// Python's re.match), regex_search, regex_replace and regex_substring.
// The pattern must be a string literal: JSONata has regex literals but no
// way to build one from a string.
func (t *translator) regex(n *Call) (out, error) {
	args, err := t.args(n)
	if err != nil {
		return out{}, err
	}
	limits := map[string][2]int{"regex_match": {2, 2}, "regex_search": {2, 2}, "regex_replace": {3, 3}, "regex_substring": {2, 3}}[n.Name]
	if len(args) < limits[0] || len(args) > limits[1] {
		return out{}, t.fail(n, "", "%s() takes %d to %d arguments, got %d", n.Name, limits[0], limits[1], len(args))
	}
	pattern, ok := t.literalPattern(n)
	if !ok {
		return out{}, t.fail(n, "{% $contains(value, /pattern/) %}", "%s() needs a literal pattern", n.Name)
	}
	v := args[0].s
	switch n.Name {
	case "regex_match":
		return atom("$contains("+v+", /^(?:"+pattern+")/)", kBool), nil
	case "regex_search":
		return atom("$contains("+v+", /"+pattern+"/)", kBool), nil
	case "regex_replace":
		return atom("$replace("+v+", /"+pattern+"/, "+t.replacement(n, args[2])+")", kStr), nil
	}
	idx := "0"
	if len(args) == 3 {
		idx = args[2].s
	}
	return atom("$match("+v+", /"+pattern+"/)["+idx+"].match", kStr), nil
}

// literalPattern returns the pattern argument of n as a JSONata regex body.
func (t *translator) literalPattern(n *Call) (string, bool) {
	nodes := n.Args
	if n.Recv != nil {
		nodes = append([]Node{n.Recv}, nodes...)
	}
	if len(nodes) < 2 {
		return "", false
	}
	l, ok := nodes[1].(*Lit)
	if !ok {
		return "", false
	}
	p, ok := l.Value.(string)
	if !ok {
		return "", false
	}
	p = strings.ReplaceAll(p, "(?P<", "(?<")
	return strings.ReplaceAll(p, "/", `\/`), true
}

var pyGroupRef = regexp.MustCompile(`\\(\d)`)

// replacement renders the replacement argument, turning Python's \1 group
// references in a literal into JSONata's $1.
func (t *translator) replacement(n *Call, o out) string {
	i := 2
	if n.Recv != nil {
		i = 1
	}
	if i < len(n.Args) {
		if l, ok := n.Args[i].(*Lit); ok {
			if s, ok := l.Value.(string); ok {
				return quote(pyGroupRef.ReplaceAllString(s, `$$$1`))
			}
		}
	}
	return o.s
}
