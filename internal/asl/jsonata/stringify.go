package jsonata

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"

	"github.com/blues/jsonata-go/jtypes"
)

// stringOf implements $string(value, prettify?) as JSONata 2.x does,
// replacing the library's: strings as they are, numbers rounded to 15
// significant digits and written as JavaScript does, other values as JSON
// without HTML escaping (the library writes & < > as \u0026 ...), functions
// as "". (The & operator still uses the library's conversion.)
func stringOf(v any, prettify jtypes.OptionalBool) (string, error) {
	if s, ok := v.(string); ok {
		return s, nil
	}
	var b strings.Builder
	if err := writeJSON(&b, v); err != nil {
		return "", err
	}
	if !prettify.Bool {
		return b.String(), nil
	}
	var out bytes.Buffer
	if err := json.Indent(&out, []byte(b.String()), "", "  "); err != nil {
		return "", fail("$string: %v", err)
	}
	return out.String(), nil
}

// writeJSON appends v to b as JSONata's $string writes it.
func writeJSON(b *strings.Builder, v any) error {
	switch v := v.(type) {
	case nil, *any:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return &functionError{code: "D3001", msg: "Attempting to invoke string function on Infinity or NaN"}
		}
		b.WriteString(jsNumber(v))
	case string:
		writeJSONString(b, v)
	case []any:
		return writeJSONArray(b, v)
	case map[string]any:
		return writeJSONObject(b, v)
	case jtypes.Callable:
		b.WriteString(`""`)
	default:
		text, err := json.Marshal(v)
		if err != nil {
			return fail("$string: %v", err)
		}
		b.Write(text)
	}
	return nil
}

// writeJSONArray appends an array.
func writeJSONArray(b *strings.Builder, a []any) error {
	b.WriteByte('[')
	for i, e := range a {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := writeJSON(b, e); err != nil {
			return err
		}
	}
	b.WriteByte(']')
	return nil
}

// writeJSONObject appends an object, members in key order.
func writeJSONObject(b *strings.Builder, m map[string]any) error {
	b.WriteByte('{')
	for i, k := range sortedKeys(m) {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(b, k)
		b.WriteByte(':')
		if err := writeJSON(b, m[k]); err != nil {
			return err
		}
	}
	b.WriteByte('}')
	return nil
}

// writeJSONString appends s as a JSON string, escaping as JSON.stringify.
func writeJSONString(b *strings.Builder, s string) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	b.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

// jsNumber writes f, a fraction rounded to 15 significant digits, as
// JavaScript writes numbers: plain between 1e-6 and 1e21, else with an
// exponent (1e+21).
func jsNumber(f float64) string {
	r := f
	if f != math.Trunc(f) {
		r, _ = strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	}
	if r == 0 {
		return "0"
	}
	if abs := math.Abs(r); abs >= 1e-6 && abs < 1e21 {
		return strconv.FormatFloat(r, 'f', -1, 64)
	}
	mant, exp, _ := strings.Cut(strconv.FormatFloat(r, 'e', -1, 64), "e")
	return mant + "e" + exp[:1] + strings.TrimLeft(exp[1:], "0")
}
