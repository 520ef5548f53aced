package intrinsic

import "strings"

// stringSplit implements States.StringSplit(string, delimiters): the
// string split at any of the delimiter's characters, empty parts dropped
// (Java's StringTokenizer).
func stringSplit(in *invocation) (any, error) {
	s, err := in.str(0)
	if err != nil {
		return nil, err
	}
	delims, err := in.str(1)
	if err != nil {
		return nil, err
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(delims, r) })
	out := make([]any, len(parts))
	for i, p := range parts {
		out[i] = p
	}
	return out, nil
}
