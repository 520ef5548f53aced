package intrinsic

import "strings"

// format implements States.Format(template, args...): each {} in the
// template is replaced by the next argument rendered as javaString does.
// In a string literal template \{ \} \' and \\ stand for the character.
func format(in *invocation) (any, error) {
	tmpl, err := in.str(0)
	if err != nil {
		return nil, err
	}
	if lit := in.call.args[0]; lit.kind == literalArg && lit.isString {
		tmpl = lit.raw
	} else {
		tmpl = escapeTemplate(tmpl)
	}
	pieces := splitTemplate(tmpl)
	if len(pieces)-1 != len(in.args)-1 {
		return nil, in.fail("the format string has %d placeholders but %d arguments were given",
			len(pieces)-1, len(in.args)-1)
	}
	var b strings.Builder
	for i, p := range pieces {
		b.WriteString(p)
		if i+1 < len(pieces) {
			writeJava(&b, in.args[i+1])
		}
	}
	return b.String(), nil
}

// escapeTemplate escapes backslashes of a template that came from a path,
// so that splitTemplate reads its text literally apart from {}.
func escapeTemplate(s string) string {
	return strings.ReplaceAll(s, `\`, `\\`)
}

// splitTemplate splits a template at its {} placeholders, resolving the
// escapes \{ \} \' \\ in the text between them.
func splitTemplate(raw string) []string {
	var pieces []string
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		switch {
		case raw[i] == '\\' && i+1 < len(raw):
			i++
			b.WriteByte(raw[i])
		case raw[i] == '{' && i+1 < len(raw) && raw[i+1] == '}':
			pieces = append(pieces, b.String())
			b.Reset()
			i++
		default:
			b.WriteByte(raw[i])
		}
	}
	return append(pieces, b.String())
}
