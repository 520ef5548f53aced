package runner

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// PyStr formats v as Python's str() formats the value json.loads gives
// for it: None, True, 3, 1.5, ['a', 1], {'k': 'v'}. StackStorm passes
// named script arguments through str(). Integral float64 values print as
// integers, since JSON decoding in Go turns every number into a float.
// Map keys are sorted.
func PyStr(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	var b strings.Builder
	writeRepr(&b, v)
	return b.String()
}

func writeRepr(b *strings.Builder, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("None")
	case bool:
		b.WriteString(map[bool]string{true: "True", false: "False"}[x])
	case string:
		b.WriteString(pyReprString(x))
	case []any:
		writeList(b, x)
	case map[string]any:
		writeDict(b, x)
	default:
		b.WriteString(PyNumber(v))
	}
}

func writeList(b *strings.Builder, l []any) {
	b.WriteByte('[')
	for i, x := range l {
		if i > 0 {
			b.WriteString(", ")
		}
		writeRepr(b, x)
	}
	b.WriteByte(']')
}

func writeDict(b *strings.Builder, m map[string]any) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(pyReprString(k))
		b.WriteString(": ")
		writeRepr(b, m[k])
	}
	b.WriteByte('}')
}

// PyNumber formats a number as Python's str(): integers in decimal, floats
// in the shortest form that reads back (repr), other values with %v.
func PyNumber(v any) string {
	switch n := v.(type) {
	case int:
		return strconv.Itoa(n)
	case int64:
		return strconv.FormatInt(n, 10)
	case int32:
		return strconv.FormatInt(int64(n), 10)
	case uint64:
		return strconv.FormatUint(n, 10)
	case float32:
		return pyFloat(float64(n))
	case float64:
		return pyFloat(n)
	case json.Number:
		if _, err := strconv.ParseInt(string(n), 10, 64); err == nil {
			return string(n)
		}
		f, err := n.Float64()
		if err != nil {
			return string(n)
		}
		return pyFloat(f)
	}
	return fmt.Sprint(v)
}

// pyFloat formats f as Python's repr(float), except that integral values
// (what JSON integers decode to) print as integers.
func pyFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case f == math.Trunc(f) && math.Abs(f) < 1<<53:
		return strconv.FormatInt(int64(f), 10)
	}
	e := strconv.FormatFloat(f, 'e', -1, 64)
	exp, _ := strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
	if exp < -4 || exp >= 16 {
		return e
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.ContainsAny(s, ".") {
		s += ".0"
	}
	return s
}

// pyReprString quotes s as Python's repr(str) does.
func pyReprString(s string) string {
	q := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, r := range s {
		writeReprRune(&b, r, rune(q))
	}
	b.WriteByte(q)
	return b.String()
}

func writeReprRune(b *strings.Builder, r, q rune) {
	switch {
	case r == q || r == '\\':
		b.WriteByte('\\')
		b.WriteRune(r)
	case r == '\n':
		b.WriteString(`\n`)
	case r == '\r':
		b.WriteString(`\r`)
	case r == '\t':
		b.WriteString(`\t`)
	case r < 0x20 || r == 0x7f:
		fmt.Fprintf(b, `\x%02x`, r)
	case r < 0x7f || unicode.IsPrint(r):
		b.WriteRune(r)
	case r <= 0xff:
		fmt.Fprintf(b, `\x%02x`, r)
	case r <= 0xffff:
		fmt.Fprintf(b, `\u%04x`, r)
	default:
		fmt.Fprintf(b, `\U%08x`, r)
	}
}
