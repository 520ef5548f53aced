package rule

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// number is a Python number: an int of any size or a float. Bools are not
// numbers here, but compare as 0 and 1 wherever Python does.
type number struct {
	i       *big.Int // set when the number is an int
	f       float64  // set when the number is a float
	isFloat bool
}

func intNumber(i int64) number     { return number{i: big.NewInt(i)} }
func floatNumber(f float64) number { return number{f: f, isFloat: true} }

// parseNumber reads a JSON number literal the way Python's json module
// does: without a fraction or exponent it is an int, else a float.
func parseNumber(s string) (number, error) {
	if !strings.ContainsAny(s, ".eE") {
		i, ok := new(big.Int).SetString(s, 10)
		if !ok {
			return number{}, fmt.Errorf("parsing number %q", s)
		}
		return number{i: i}, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !isRangeError(err) {
		return number{}, fmt.Errorf("parsing number %q: %w", s, err)
	}
	return floatNumber(f), nil
}

func isRangeError(err error) bool { return errors.Is(err, strconv.ErrRange) }

// rat returns the exact value of a finite number.
func (n number) rat() *big.Rat {
	if n.isFloat {
		return new(big.Rat).SetFloat64(n.f)
	}
	return new(big.Rat).SetInt(n.i)
}

// float returns the number as a float64 (ints rounded).
func (n number) float() float64 {
	if n.isFloat {
		return n.f
	}
	f, _ := new(big.Float).SetInt(n.i).Float64()
	return f
}

// String formats the number as Python's repr would, close enough for
// explanations and JSON output.
func (n number) String() string {
	if !n.isFloat {
		return n.i.String()
	}
	switch {
	case math.IsNaN(n.f):
		return "NaN"
	case math.IsInf(n.f, 1):
		return "Infinity"
	case math.IsInf(n.f, -1):
		return "-Infinity"
	}
	s := strconv.FormatFloat(n.f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return s
}

// MarshalJSON writes the number as a JSON number (NaN and infinities, which
// JSON lacks, as strings).
func (n number) MarshalJSON() ([]byte, error) {
	if n.isFloat && (math.IsNaN(n.f) || math.IsInf(n.f, 0)) {
		return json.Marshal(n.String())
	}
	return []byte(n.String()), nil
}

// normalize converts a decoded JSON or YAML value into the value model used
// by the evaluator: nil, bool, string, number, []any and map[string]any.
// Unknown types are an error.
func normalize(v any) (any, error) {
	switch x := v.(type) {
	case nil, bool, string, number:
		return x, nil
	case json.Number:
		return parseNumber(string(x))
	case float64:
		return floatNumber(x), nil
	case float32:
		return floatNumber(float64(x)), nil
	case int:
		return intNumber(int64(x)), nil
	case int64:
		return intNumber(x), nil
	case uint64:
		return number{i: new(big.Int).SetUint64(x)}, nil
	case []any:
		return normalizeList(x)
	case map[string]any:
		return normalizeMap(x)
	}
	return normalizeReflect(v)
}

func normalizeList(l []any) (any, error) {
	out := make([]any, len(l))
	for i, e := range l {
		n, err := normalize(e)
		if err != nil {
			return nil, err
		}
		out[i] = n
	}
	return out, nil
}

func normalizeMap(m map[string]any) (any, error) {
	out := make(map[string]any, len(m))
	for k, e := range m {
		n, err := normalize(e)
		if err != nil {
			return nil, err
		}
		out[k] = n
	}
	return out, nil
}

// normalizeReflect handles the remaining integer kinds and map[any]any or
// typed maps and slices some YAML decoders produce.
func normalizeReflect(v any) (any, error) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return intNumber(rv.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return number{i: new(big.Int).SetUint64(rv.Uint())}, nil
	case reflect.Slice, reflect.Array:
		l := make([]any, rv.Len())
		for i := range l {
			l[i] = rv.Index(i).Interface()
		}
		return normalizeList(l)
	case reflect.Map:
		m := make(map[string]any, rv.Len())
		for _, k := range rv.MapKeys() {
			m[fmt.Sprint(k.Interface())] = rv.MapIndex(k).Interface()
		}
		return normalizeMap(m)
	}
	return nil, fmt.Errorf("converting %T: unsupported value type", v)
}

// decodeJSON decodes one JSON document into the value model, keeping
// integers exact.
func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("decoding JSON: trailing data after the value")
	}
	return normalize(v)
}

// plain converts a value of the model back to plain Go values
// (float64 or int64 numbers) for templates and JSON output.
func plain(v any) any {
	switch x := v.(type) {
	case number:
		if !x.isFloat && x.i.IsInt64() {
			return x.i.Int64()
		}
		return x.float()
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plain(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = plain(e)
		}
		return out
	}
	return v
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// pyTypeName names the Python type of a value, for error messages.
func pyTypeName(v any) string {
	switch x := v.(type) {
	case nil:
		return "NoneType"
	case bool:
		return "bool"
	case string:
		return "str"
	case number:
		if x.isFloat {
			return "float"
		}
		return "int"
	case []any:
		return "list"
	case map[string]any:
		return "dict"
	}
	return fmt.Sprintf("%T", v)
}
