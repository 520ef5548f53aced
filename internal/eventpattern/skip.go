package eventpattern

import (
	"encoding/binary"
	"fmt"
	"math/bits"
)

var errDepth = fmt.Errorf("%w: JSON nested too deeply", ErrInvalidEvent)

// skip validates and skips one value.
func (sc *scanner) skip() error {
	i, closers, err := skipValue(sc.s, sc.i, sc.closers[:0], maxDepth-sc.depth)
	sc.closers = closers[:0]
	sc.i = i
	return err
}

// skipValue validates and skips the value at s[i] and returns the index
// after it, or, with an error, the index of the last token it began to
// read. It is iterative: one loop over the tokens, with the open
// containers' closers on closers, at most room of them. The token readers
// it uses are functions of (text, index) returning the index after the
// token, or -1 when the text there is malformed.
func skipValue(s string, i int, closers []byte, room int) (int, []byte, error) {
	for {
		if i = skipWS(s, i); i >= len(s) {
			return i, closers, errSyntax
		}
		at := i
		switch c := s[i]; c {
		case '"':
			i = skipString(s, i)
		case '{', '[':
			if len(closers) >= room {
				return at, closers, errDepth
			}
			if i = skipWS(s, i+1); i < len(s) && s[i] == c+2 { // '{'+2 is '}', '['+2 is ']'
				i++
				break // empty
			}
			if closers = append(closers, c+2); c == '{' {
				i = skipKey(s, i)
			}
			if i < 0 {
				return at, closers, errSyntax
			}
			continue // the first member's value
		default:
			i = skipScalar(s, i, c)
		}
		if i, closers = skipAfter(s, i, closers); i < 0 {
			return at, closers, errSyntax
		}
		if len(closers) == 0 {
			return i, closers, nil
		}
	}
}

// skipScalar skips the number or literal starting with c at s[i].
func skipScalar(s string, i int, c byte) int {
	if c == '-' || ('0' <= c && c <= '9') {
		return skipNumber(s, i)
	}
	return skipLiteral(s, i)
}

// skipAfter consumes the closers and the comma (and key) that follow the
// value ending at i inside the containers on closers, returning the
// containers still open; when one is, a value is expected next. A
// negative i is passed through.
func skipAfter(s string, i int, closers []byte) (int, []byte) {
	for i >= 0 && len(closers) > 0 {
		if i = skipWS(s, i); i >= len(s) {
			return -1, closers
		}
		top := closers[len(closers)-1]
		switch s[i] {
		case ',':
			if top == '}' {
				return skipKey(s, i+1), closers
			}
			return i + 1, closers
		case top:
			i++
			closers = closers[:len(closers)-1]
		default:
			return -1, closers
		}
	}
	return i, closers
}

// skipKey skips an object key and its colon.
func skipKey(s string, i int) int {
	if i = skipWS(s, i); i >= len(s) || s[i] != '"' {
		return -1
	}
	if i = skipString(s, i); i < 0 {
		return -1
	}
	if i = skipWS(s, i); i >= len(s) || s[i] != ':' {
		return -1
	}
	return i + 1
}

// skipString skips the string whose opening quote is at s[i]. A string of
// at most seven bytes without escapes is found with one 8-byte load.
func skipString(s string, i int) int {
	if j := i + 1; j+8 <= len(s) {
		if m := special(binary.LittleEndian.Uint64([]byte(s[j : j+8]))); m != 0 {
			if j += bits.TrailingZeros64(m) / 8; s[j] == '"' {
				return j + 1
			}
		}
	}
	return skipStringSlow(s, i)
}

// skipStringSlow skips a string of any length, validating its escapes.
func skipStringSlow(s string, i int) int {
	for j := i + 1; ; {
		j, _ = plainRun(s, j)
		for j < len(s) && strStop[s[j]] != 1 {
			j++ // only in the last eight bytes of s
		}
		if j >= len(s) {
			return -1
		}
		switch s[j] {
		case '"':
			return j + 1
		case '\\':
			n, ok := escapeLen(s, j)
			if !ok {
				return -1
			}
			j += n
			continue
		}
		return -1
	}
}

// skipNumber skips a JSON number.
func skipNumber(s string, i int) int {
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && '1' <= s[i] && s[i] <= '9':
		i = digits(s, i)
	default:
		return -1
	}
	if i < len(s) && s[i] == '.' {
		if i = digits(s, i+1); s[i-1] == '.' {
			return -1
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		return skipExponent(s, i+1)
	}
	return i
}

func skipExponent(s string, i int) int {
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	if j := digits(s, i); j > i {
		return j
	}
	return -1
}

// skipLiteral skips true, false or null.
func skipLiteral(s string, i int) int {
	rest := s[i:]
	switch {
	case len(rest) >= 4 && (rest[:4] == "true" || rest[:4] == "null"):
		return i + 4
	case len(rest) >= 5 && rest[:5] == "false":
		return i + 5
	}
	return -1
}

func skipWS(s string, i int) int {
	for i < len(s) && s[i] <= ' ' && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}
