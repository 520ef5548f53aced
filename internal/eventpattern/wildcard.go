package eventpattern

import "strings"

// wildcard is a parsed wildcard filter: literal segments separated by '*'.
// A string matches when it starts with the first segment, ends with the
// last, and holds the middle ones in order between them.
type wildcard struct {
	segs []string
}

// parseWildcard applies EventBridge's rules: '*' matches any run of
// characters, "\*" is a literal asterisk, "\\" a literal backslash, any
// other escape and consecutive '*' are rejected.
func parseWildcard(s string) (*wildcard, string) {
	var segs []string
	var cur strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '*':
			if i+1 < len(s) && s[i+1] == '*' {
				return nil, "consecutive wildcard characters are not allowed"
			}
			segs = append(segs, cur.String())
			cur.Reset()
		case '\\':
			if i+1 >= len(s) || (s[i+1] != '*' && s[i+1] != '\\') {
				return nil, `a backslash may only escape "*" or "\"`
			}
			i++
			cur.WriteByte(s[i])
		default:
			cur.WriteByte(c)
		}
	}
	return &wildcard{segs: append(segs, cur.String())}, ""
}

// match reports whether s matches the whole wildcard.
func (w *wildcard) match(s string) bool {
	n := len(w.segs)
	if n == 1 {
		return s == w.segs[0]
	}
	first, last := w.segs[0], w.segs[n-1]
	if len(s) < len(first)+len(last) || !strings.HasPrefix(s, first) || !strings.HasSuffix(s, last) {
		return false
	}
	rest := s[len(first) : len(s)-len(last)]
	for _, seg := range w.segs[1 : n-1] {
		i := strings.Index(rest, seg)
		if i < 0 {
			return false
		}
		rest = rest[i+len(seg):]
	}
	return true
}
