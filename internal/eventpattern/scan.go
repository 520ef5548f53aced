package eventpattern

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// maxDepth is encoding/json's nesting limit, kept so both matchers accept
// the same events.
const maxDepth = 10000

var errSyntax = fmt.Errorf("%w: malformed JSON", ErrInvalidEvent)

// scanner is a validating, allocation-light JSON reader over a string.
// Strings without escapes are returned as substrings of the input.
type scanner struct {
	s       string
	i       int
	depth   int
	buf     []byte
	closers []byte // skip's open containers
}

func (sc *scanner) ws() {
	for sc.i < len(sc.s) && sc.s[sc.i] <= ' ' {
		switch sc.s[sc.i] {
		case ' ', '\t', '\n', '\r':
			sc.i++
		default:
			return
		}
	}
}

// peek returns the next non-space byte, or 0 at the end.
func (sc *scanner) peek() byte {
	sc.ws()
	if sc.i >= len(sc.s) {
		return 0
	}
	return sc.s[sc.i]
}

// strStop marks the bytes that end the fast scan of a string: the quote,
// a backslash, control characters (1) and non-ASCII bytes (2).
var strStop = func() (t [256]uint8) {
	for c := range 0x20 {
		t[c] = 1
	}
	t['"'], t['\\'] = 1, 1
	for c := 0x80; c < 256; c++ {
		t[c] = 2
	}
	return t
}()

// str reads a string starting at the opening quote and returns its
// decoded content, as encoding/json decodes it.
func (sc *scanner) str() (string, error) {
	if k, _, ok := sc.shortKey(); ok {
		return k, nil
	}
	return sc.longStr()
}

// longStr is str for strings that are not short keys (see shortKey).
func (sc *scanner) longStr() (string, error) {
	s, start := sc.s, sc.i+1
	j, high := plainRun(s, start)
	ascii := !high
	for ; j < len(s); j++ {
		stop := strStop[s[j]]
		if stop == 0 {
			continue
		}
		if stop == 2 {
			ascii = false
			continue
		}
		switch c := s[j]; {
		case c == '"':
			sc.i = j + 1
			if ascii || utf8.ValidString(s[start:j]) {
				return s[start:j], nil
			}
			return sc.slowStr(start)
		case c == '\\':
			return sc.slowStr(start)
		}
		return "", errSyntax
	}
	return "", errSyntax
}

// slowStr decodes escapes and replaces invalid UTF-8 with U+FFFD.
func (sc *scanner) slowStr(start int) (string, error) {
	b := sc.buf[:0]
	s := sc.s
	for j := start; j < len(s); {
		c := s[j]
		switch {
		case c == '"':
			sc.i = j + 1
			sc.buf = b
			return string(b), nil
		case c == '\\':
			var err error
			if b, j, err = unescape(s, j, b); err != nil {
				return "", err
			}
		case c < 0x20:
			return "", errSyntax
		case c < utf8.RuneSelf:
			b = append(b, c)
			j++
		default:
			r, size := utf8.DecodeRuneInString(s[j:])
			b = utf8.AppendRune(b, r)
			j += size
		}
	}
	return "", errSyntax
}

// unescape decodes the escape at s[j] ('\\') onto b.
func unescape(s string, j int, b []byte) ([]byte, int, error) {
	if j+1 >= len(s) {
		return nil, 0, errSyntax
	}
	switch s[j+1] {
	case '"', '\\', '/':
		return append(b, s[j+1]), j + 2, nil
	case 'b':
		return append(b, '\b'), j + 2, nil
	case 'f':
		return append(b, '\f'), j + 2, nil
	case 'n':
		return append(b, '\n'), j + 2, nil
	case 'r':
		return append(b, '\r'), j + 2, nil
	case 't':
		return append(b, '\t'), j + 2, nil
	case 'u':
		return unescapeU(s, j, b)
	}
	return nil, 0, errSyntax
}

func unescapeU(s string, j int, b []byte) ([]byte, int, error) {
	r := hex4(s, j+2)
	if r < 0 {
		return nil, 0, errSyntax
	}
	j += 6
	if utf16.IsSurrogate(r) {
		if j+1 < len(s) && s[j] == '\\' && s[j+1] == 'u' {
			if r2 := hex4(s, j+2); r2 >= 0 {
				if dec := utf16.DecodeRune(r, r2); dec != unicode.ReplacementChar {
					return utf8.AppendRune(b, dec), j + 6, nil
				}
			}
		}
		r = unicode.ReplacementChar
	}
	return utf8.AppendRune(b, r), j, nil
}

func hex4(s string, j int) rune {
	if j+4 > len(s) {
		return -1
	}
	var r rune
	for _, c := range []byte(s[j : j+4]) {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// number reads a JSON number and returns its text.
func (sc *scanner) number() (string, error) {
	start := sc.i
	j := skipNumber(sc.s, start)
	if j < 0 {
		return "", errSyntax
	}
	sc.i = j
	return sc.s[start:j], nil
}

func digits(s string, j int) int {
	for j < len(s) && '0' <= s[j] && s[j] <= '9' {
		j++
	}
	return j
}

// literal reads true, false or null.
func (sc *scanner) literal() (kind, error) {
	rest := sc.s[sc.i:]
	var text string
	var k kind
	switch {
	case len(rest) >= 4 && rest[:4] == "true":
		text, k = "true", kindTrue
	case len(rest) >= 5 && rest[:5] == "false":
		text, k = "false", kindFalse
	case len(rest) >= 4 && rest[:4] == "null":
		text, k = "null", kindNull
	default:
		return 0, errSyntax
	}
	sc.i += len(text)
	return k, nil
}

// escapeLen returns the length of the valid escape at s[j].
func escapeLen(s string, j int) (int, bool) {
	if j+1 >= len(s) {
		return 0, false
	}
	if s[j+1] == 'u' {
		return 6, hex4(s, j+2) >= 0
	}
	return 2, isEscape(s[j+1])
}

func isEscape(c byte) bool {
	switch c {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return true
	}
	return false
}

// open consumes '{' or '[' and checks the nesting depth.
func (sc *scanner) open() error {
	sc.i++
	sc.depth++
	if sc.depth > maxDepth {
		return errDepth
	}
	return nil
}

// close consumes the closing delimiter.
func (sc *scanner) close() error {
	sc.i++
	sc.depth--
	return nil
}

// next consumes the ',' between members, or the closer (done).
func (sc *scanner) next(closer byte) (bool, error) {
	switch sc.peek() {
	case ',':
		sc.i++
		return false, nil
	case closer:
		return true, sc.close()
	}
	return false, errSyntax
}

// key reads an object key and the colon after it, returning the key and
// its keyWord.
func (sc *scanner) key() (string, uint64, error) {
	if sc.peek() != '"' {
		return "", 0, errSyntax
	}
	k, w, ok := sc.shortKey()
	if !ok {
		var err error
		if k, err = sc.longStr(); err != nil {
			return "", 0, err
		}
		w = keyWord(k)
	}
	if sc.peek() != ':' {
		return "", 0, errSyntax
	}
	sc.i++
	return k, w, nil
}

// shortKey reads, from one 8-byte load, a string of at most seven ASCII
// bytes without escapes, and returns it with its keyWord; ok is false,
// and nothing is consumed, for any other string.
func (sc *scanner) shortKey() (k string, w uint64, ok bool) {
	s, j := sc.s, sc.i+1
	if j+8 > len(s) {
		return "", 0, false
	}
	x := binary.LittleEndian.Uint64([]byte(s[j : j+8]))
	m := special(x)
	if m == 0 {
		return "", 0, false
	}
	n := bits.TrailingZeros64(m) / 8
	x &= 1<<(8*n) - 1
	if s[j+n] != '"' || x&highs != 0 {
		return "", 0, false
	}
	sc.i = j + n + 1
	return s[j : j+n], shortWord(x, n), true
}
