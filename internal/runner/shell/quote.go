package shell

import "strings"

// Quote returns s quoted for a POSIX shell the way Python's shlex.quote
// (StackStorm's quote_unix) does: unchanged when it holds only safe
// characters, a pair of single quotes when empty, else in single quotes
// with each single quote written as '"'"'.
func Quote(s string) string {
	if s == "" {
		return "''"
	}
	if isSafe(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'"'"'`) + "'"
}

// isSafe reports whether s holds only characters shlex.quote leaves
// unquoted: ASCII letters, digits and _@%+=:,./-
func isSafe(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("_@%+=:,./-", c) >= 0:
		default:
			return false
		}
	}
	return true
}
