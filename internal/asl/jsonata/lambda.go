package jsonata

import "strings"

// guardLambdas rewrites every lambda of expr, function(params){ body },
// into function(params){ ($__sfnEnter($__sfnGuard); $__sfnLeave($__sfnGuard,
// (body))) } so that each evaluation counts the depth of lambda calls and
// fails cleanly past maxDepth: the library recurses on the Go stack, and a
// Go stack overflow kills the process. It reports whether it found a
// lambda; text it cannot read is left as it is, for the parser to reject.
func guardLambdas(expr string) (string, bool) {
	var b strings.Builder
	found := false
	prev := byte(0) // the last significant byte written, to tell / from a regex
	for i := 0; i < len(expr); {
		if end, ok := lambdaAt(expr, i); ok {
			b.WriteString(end.rewritten)
			i, found, prev = end.next, true, '}'
			continue
		}
		n := tokenLen(expr, i, prev)
		b.WriteString(expr[i : i+n])
		if c := expr[i]; c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			prev = expr[i+n-1]
		}
		i += n
	}
	return b.String(), found
}

// lambdaEnd is a rewritten lambda and the offset just past it.
type lambdaEnd struct {
	rewritten string
	next      int
}

// lambdaAt reads a lambda starting at expr[i], if there is one.
func lambdaAt(expr string, i int) (lambdaEnd, bool) {
	kw := ""
	switch {
	case strings.HasPrefix(expr[i:], "function") && (i == 0 || !isNameByte(expr[i-1])):
		kw = "function"
	case strings.HasPrefix(expr[i:], "λ"):
		kw = "λ"
	default:
		return lambdaEnd{}, false
	}
	j := skipBlanks(expr, i+len(kw))
	if j >= len(expr) || expr[j] != '(' {
		return lambdaEnd{}, false
	}
	open, ok := headerEnd(expr, j)
	if !ok {
		return lambdaEnd{}, false
	}
	close, ok := matching(expr, open)
	if !ok {
		return lambdaEnd{}, false
	}
	body, _ := guardLambdas(expr[open+1 : close])
	rewritten := expr[i:open] + "{ ($__sfnEnter($__sfnGuard); $__sfnLeave($__sfnGuard, (" + body + "))) }"
	return lambdaEnd{rewritten: rewritten, next: close + 1}, true
}

// headerEnd returns the offset of the '{' opening a lambda's body, after
// its parameter list at expr[j] and an optional <signature>.
func headerEnd(expr string, j int) (int, bool) {
	k := strings.IndexByte(expr[j:], ')')
	if k < 0 {
		return 0, false
	}
	k = skipBlanks(expr, j+k+1)
	if k < len(expr) && expr[k] == '<' {
		depth := 0
		for ; k < len(expr); k++ {
			if expr[k] == '<' {
				depth++
			} else if expr[k] == '>' {
				if depth--; depth == 0 {
					break
				}
			}
		}
		k = skipBlanks(expr, k+1)
	}
	return k, k < len(expr) && expr[k] == '{'
}

// matching returns the offset of the '}' closing the '{' at expr[open].
func matching(expr string, open int) (int, bool) {
	depth := 0
	prev := byte(0)
	for i := open; i < len(expr); {
		switch expr[i] {
		case '{', '(', '[':
			depth++
		case '}', ')', ']':
			if depth--; depth == 0 {
				return i, expr[i] == '}'
			}
		}
		n := tokenLen(expr, i, prev)
		if c := expr[i]; c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			prev = expr[i+n-1]
		}
		i += n
	}
	return 0, false
}

// tokenLen returns the length of the string, name or regex literal at
// expr[i], or 1. prev is the last significant byte before it: a '/' after
// an operand is a division, elsewhere it starts a regular expression.
func tokenLen(expr string, i int, prev byte) int {
	switch c := expr[i]; {
	case c == '\'' || c == '"' || c == '`':
		return literalEnd(expr, i) - i
	case c == '/' && !strings.ContainsRune(")]}", rune(prev)) && !isNameByte(prev):
		return literalEnd(expr, i) - i
	}
	return 1
}

// skipBlanks returns the offset of the first non-blank at or after i.
func skipBlanks(expr string, i int) int {
	for i < len(expr) && strings.IndexByte(" \t\r\n", expr[i]) >= 0 {
		i++
	}
	return i
}
