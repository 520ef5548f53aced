package expr

import (
	"strconv"
	"strings"
)

// Python string formatting, translated when the format string is a
// literal: YAQL's '{0} {name}'.format(a, name => b) (str.format) and
// Jinja's '%s-%d' % (a, b) and '%s' | format(a) (printf style). Values
// print as Python's str() does for strings, integers, booleans (True,
// False) and None; other numbers, lists and dicts print as in JSONata
// (1.0 as 1, a list as JSON), as in template text.

// formatHint is the JSONata to write for a format the translator refuses.
const formatHint = "{% 'text ' & $string(value) & ' more' %}"

// formatLiteral returns the literal format string of a format call: its
// receiver, or its first argument.
func formatLiteral(n *Call) (string, []Node, bool) {
	args := n.Args
	f := n.Recv
	if f == nil {
		if len(args) == 0 {
			return "", nil, false
		}
		f, args = args[0], args[1:]
	}
	l, ok := f.(*Lit)
	if !ok {
		return "", nil, false
	}
	s, ok := l.Value.(string)
	return s, args, ok
}

// formatCall translates YAQL's format (str.format) and Jinja's format
// filter (printf style).
func (t *translator) formatCall(n *Call) (out, error) {
	f, args, ok := formatLiteral(n)
	if !ok {
		return out{}, t.fail(n, formatHint, "format() needs a literal format string")
	}
	if n.Filter {
		if len(n.Kwargs) > 0 {
			return out{}, t.fail(n, formatHint, "format() takes no named arguments")
		}
		return t.printf(n, f, args)
	}
	named := map[string]Node{}
	for _, kw := range n.Kwargs {
		if kw.Key != nil {
			return out{}, t.fail(n, formatHint, "format() takes name => value arguments")
		}
		named[kw.Name] = kw.Value
	}
	return t.strFormat(n, f, args, named)
}

// strFormat translates Python's str.format with fields {}, {N} and {name}
// (no conversions or format specs).
func (t *translator) strFormat(n Node, f string, args []Node, named map[string]Node) (out, error) {
	var parts []string
	var lit strings.Builder
	auto, manual := 0, false
	flush := func() {
		if lit.Len() > 0 {
			parts = append(parts, quote(lit.String()))
			lit.Reset()
		}
	}
	for i := 0; i < len(f); i++ {
		c := f[i]
		switch {
		case (c == '{' || c == '}') && i+1 < len(f) && f[i+1] == c:
			lit.WriteByte(c)
			i++
			continue
		case c == '}':
			return out{}, t.fail(n, formatHint, "format(): single '}' in the format string")
		case c != '{':
			lit.WriteByte(c)
			continue
		}
		end := strings.IndexByte(f[i:], '}')
		if end < 0 {
			return out{}, t.fail(n, formatHint, "format(): unclosed '{' in the format string")
		}
		field := f[i+1 : i+end]
		i += end
		var arg Node
		switch idx, err := strconv.Atoi(field); {
		case field == "" && !manual:
			if auto >= len(args) {
				return out{}, t.fail(n, "", "format(): more fields than arguments")
			}
			arg = args[auto]
			auto++
		case err == nil && auto == 0 && idx >= 0:
			manual = true
			if idx >= len(args) {
				return out{}, t.fail(n, "", "format(): no argument %d", idx)
			}
			arg = args[idx]
		case IsIdent(field) && named[field] != nil:
			arg = named[field]
		default:
			return out{}, t.fail(n, formatHint, "format(): unsupported field {%s} (only {}, {N} and {name}, without conversions or format specs)", field)
		}
		o, err := t.node(arg)
		if err != nil {
			return out{}, err
		}
		flush()
		parts = append(parts, pythonStr(o))
	}
	flush()
	return joinStr(parts), nil
}

// printf translates Python's printf-style f % args with %s, %d, %i and %%.
func (t *translator) printf(n Node, f string, args []Node) (out, error) {
	var parts []string
	var lit strings.Builder
	next := 0
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			lit.WriteByte(f[i])
			continue
		}
		if i+1 >= len(f) {
			return out{}, t.fail(n, formatHint, "incomplete format: a lone %% at the end")
		}
		i++
		verb := f[i]
		if verb == '%' {
			lit.WriteByte('%')
			continue
		}
		if verb != 's' && verb != 'd' && verb != 'i' {
			return out{}, t.fail(n, formatHint, "unsupported format %%%c (only %%s, %%d, %%i and %%%%)", verb)
		}
		if next >= len(args) {
			return out{}, t.fail(n, "", "not enough arguments for the format string")
		}
		o, err := t.node(args[next])
		if err != nil {
			return out{}, err
		}
		next++
		if lit.Len() > 0 {
			parts = append(parts, quote(lit.String()))
			lit.Reset()
		}
		if verb == 's' {
			parts = append(parts, pythonStr(o))
		} else {
			parts = append(parts, funcs["int"].f([]out{o}).s)
		}
	}
	if next < len(args) {
		return out{}, t.fail(n, "", "not all arguments converted during string formatting")
	}
	if lit.Len() > 0 {
		parts = append(parts, quote(lit.String()))
	}
	return joinStr(parts), nil
}

// percent translates Jinja's f % args for a literal string f: a tuple
// gives the arguments, any other value is the one argument.
func (t *translator) percent(n *Binary, f string) (out, error) {
	args := []Node{n.R}
	if l, ok := n.R.(*ListLit); ok && l.Tuple {
		args = l.Elems
	}
	return t.printf(n, f, args)
}

// joinStr concatenates string fragments with &.
func joinStr(parts []string) out {
	switch len(parts) {
	case 0:
		return atom("''", kStr)
	case 1:
		if strings.HasPrefix(parts[0], "'") || strings.HasPrefix(parts[0], "\"") {
			return atom(parts[0], kStr)
		}
		return out{s: "'' & " + parts[0], prec: precAdd, kind: kStr}
	}
	return out{s: strings.Join(parts, " & "), prec: precAdd, kind: kStr}
}
