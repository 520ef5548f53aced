package intrinsic

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// javaString renders v as Step Functions renders a value in States.Format:
// strings as they are, numbers as Java does (integers without a fraction),
// null, true and false, objects as {k=v, ...} and arrays as [a, b], nested
// values alike. Object members come in key order.
func javaString(v any) string {
	var b strings.Builder
	writeJava(&b, v)
	return b.String()
}

// writeJava appends the rendering of v to b.
func writeJava(b *strings.Builder, v any) {
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case string:
		b.WriteString(v)
	case float64:
		b.WriteString(javaNumber(v))
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case []any:
		writeJavaList(b, v)
	case map[string]any:
		writeJavaMap(b, v)
	default:
		b.WriteString(compactJSONOr(v))
	}
}

// writeJavaList appends [a, b, ...].
func writeJavaList(b *strings.Builder, a []any) {
	b.WriteByte('[')
	for i, e := range a {
		if i > 0 {
			b.WriteString(", ")
		}
		writeJava(b, e)
	}
	b.WriteByte(']')
}

// writeJavaMap appends {k=v, ...} in key order.
func writeJavaMap(b *strings.Builder, m map[string]any) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(k)
		b.WriteByte('=')
		writeJava(b, m[k])
	}
	b.WriteByte('}')
}

// javaNumber renders f as Jackson and Java do: integral values without a
// fraction, others as Double.toString (1.5, 1.0E-5, 1.2E21).
func javaNumber(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e18 {
		return strconv.FormatInt(int64(f), 10)
	}
	if abs := math.Abs(f); abs >= 1e-3 && abs < 1e7 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	s := strconv.FormatFloat(f, 'E', -1, 64)
	mant, exp, _ := strings.Cut(s, "E")
	if !strings.Contains(mant, ".") {
		mant += ".0"
	}
	exp = strings.TrimPrefix(exp, "+")
	neg := strings.HasPrefix(exp, "-")
	exp = strings.TrimLeft(strings.TrimPrefix(exp, "-"), "0")
	if neg {
		exp = "-" + exp
	}
	return mant + "E" + exp
}
