package path

import (
	"context"
	"fmt"

	"github.com/PaesslerAG/gval"
)

// indefinite is a query evaluated by PaesslerAG/jsonpath.
type indefinite struct {
	matches gval.Evaluable
}

// compileIndefinite compiles expr, whose definite steps end at offset at,
// as a PaesslerAG query: the root ("$", "$$" or "$name") becomes "$", since
// the caller applies the query to the root's document.
func compileIndefinite(expr string, at int) (*indefinite, error) {
	_, _, rootEnd, _ := parseRoot(expr)
	rest := expr[rootEnd:]
	if err := checkIndefinite(expr, rootEnd); err != nil {
		return nil, err
	}
	ev, err := language.NewEvaluable("{#: $" + requote(dropDotBeforeBracket(rest)) + "}")
	if err != nil {
		return nil, &SyntaxError{Path: expr, Offset: at, Msg: err.Error()}
	}
	return &indefinite{matches: ev}, nil
}

// checkIndefinite rejects what PaesslerAG would read differently from
// Jayway: braces (which would end the placeholder object) and scripts or
// functions outside brackets.
func checkIndefinite(expr string, from int) error {
	depth := 0
	var quote byte
	for i := from; i < len(expr); i++ {
		c := expr[i]
		switch {
		case quote != 0 && c == '\\':
			i++
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '{' || c == '}':
			return &SyntaxError{Path: expr, Offset: i, Msg: "unexpected brace"}
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '(' && depth == 0:
			return &SyntaxError{Path: expr, Offset: i, Msg: "functions are not supported"}
		}
	}
	if quote != 0 || depth != 0 {
		return &SyntaxError{Path: expr, Offset: len(expr), Msg: "unterminated quote or bracket"}
	}
	return nil
}

// eval runs the query on doc and returns its matches in order.
func (q *indefinite) eval(doc any) ([]any, error) {
	v, err := q.matches(context.Background(), doc)
	if err != nil {
		return nil, err
	}
	byKey, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("unexpected query result %T", v)
	}
	return ordered(byKey)
}

// ordered returns the matches sorted by their wildcard keys.
func ordered(byKey map[string]any) ([]any, error) {
	keys := make([]matchKey, 0, len(byKey))
	for k := range byKey {
		mk, err := parseMatchKey(k)
		if err != nil {
			return nil, err
		}
		keys = append(keys, mk)
	}
	sortMatchKeys(keys)
	out := make([]any, len(keys))
	for i, k := range keys {
		out[i] = byKey[k.raw]
	}
	return out, nil
}
