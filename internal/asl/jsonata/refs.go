package jsonata

// referencedNames returns the names of the variables expr mentions ($name),
// so that an evaluation binds only those: JSONata has no dynamic variable
// lookup, and binding fewer variables is what makes an evaluation cheap.
// Names inside string literals are included, which is harmless.
func referencedNames(expr string) []string {
	var names []string
	seen := map[string]bool{}
	for i := 0; i < len(expr); i++ {
		if expr[i] != '$' {
			continue
		}
		j := i + 1
		for j < len(expr) && isNameByte(expr[j]) {
			j++
		}
		if name := expr[i+1 : j]; name != "" && !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
		i = j - 1
	}
	return names
}

// isNameByte reports whether c can be part of a variable name (non-ASCII
// bytes included, as JSONata accepts Unicode letters).
func isNameByte(c byte) bool {
	return c == '_' || c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}
