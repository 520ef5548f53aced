package eventpattern

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// kind is the JSON type of a leaf value.
type kind uint8

const (
	kindString kind = iota + 1
	kindNumber
	kindTrue
	kindFalse
	kindNull
)

// maxComparable is the largest magnitude EventBridge compares numerically.
const maxComparable = 5e9

// value is one leaf value of an event or a pattern. Numbers within
// ±maxComparable are compared as micro (value times 10^6, rounded), which
// is EventBridge's documented precision; larger ones by their float64 value.
type value struct {
	str   string // string content, or the number's JSON text
	micro int64
	big   float64 // numbers beyond ±maxComparable
	kind  kind
	inRng bool // micro is meaningful
}

func stringValue(s string) value { return value{kind: kindString, str: s} }

// numberValue converts a JSON number's text.
func numberValue(text string) value {
	if n, ok := smallInt(text); ok {
		return value{kind: kindNumber, str: text, inRng: true, micro: n * 1e6}
	}
	f, _ := strconv.ParseFloat(text, 64) // out of range gives ±Inf, kept as is
	v := value{kind: kindNumber, str: text}
	if math.Abs(f) <= maxComparable {
		v.inRng = true
		v.micro = int64(math.Round(f * 1e6))
		return v
	}
	v.big = f
	return v
}

// sameNumber reports whether two numbers are equal at EventBridge's precision.
func sameNumber(a, b value) bool {
	if a.inRng != b.inRng {
		return false
	}
	if a.inRng {
		return a.micro == b.micro
	}
	return a.big == b.big
}

// equal is exact matching: same type, same string, or numerically equal.
func (v value) equal(w value) bool {
	if v.kind != w.kind {
		return false
	}
	switch v.kind {
	case kindString:
		return v.str == w.str
	case kindNumber:
		return sameNumber(v, w)
	}
	return true
}

// fold is the case folding used by equals-ignore-case and its variants.
func fold(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

// smallInt parses a JSON integer of at most nine digits, whose value times
// 10^6 is exact, as the float path would compute it.
func smallInt(text string) (int64, bool) {
	neg := len(text) > 0 && text[0] == '-'
	digits := text
	if neg {
		digits = text[1:]
	}
	if len(digits) == 0 || len(digits) > 9 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}
