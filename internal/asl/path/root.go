package path

// Root names the document a path starts from.
type Root int

const (
	// Input is "$": the state's input, or the document a path is applied to.
	Input Root = iota
	// Context is "$$": the context object.
	Context
	// Variable is "$name": a workflow variable (JSONPath mode).
	Variable
)

// String returns "$", "$$" or "$var".
func (r Root) String() string {
	switch r {
	case Context:
		return "$$"
	case Variable:
		return "$var"
	default:
		return "$"
	}
}

// isIdentStart reports whether c can start a variable name.
func isIdentStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

// isIdentPart reports whether c can continue a variable name.
func isIdentPart(c byte) bool {
	return isIdentStart(c) || (c >= '0' && c <= '9')
}

// parseRoot reads the root at the start of s and returns it, the variable
// name for Variable and the offset where the steps start.
func parseRoot(s string) (Root, string, int, error) {
	if s == "" || s[0] != '$' {
		return Input, "", 0, &SyntaxError{Path: s, Msg: "a path must start with '$'"}
	}
	if len(s) > 1 && s[1] == '$' {
		return Context, "", 2, nil
	}
	if len(s) > 1 && isIdentStart(s[1]) {
		i := 2
		for i < len(s) && isIdentPart(s[i]) {
			i++
		}
		return Variable, s[1:i], i, nil
	}
	return Input, "", 1, nil
}
