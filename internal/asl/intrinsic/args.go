package intrinsic

import (
	"fmt"
	"math"
	"unicode/utf16"
)

// maxInt is the largest integer argument accepted (Java's int range).
const maxInt = math.MaxInt32

// fail returns an *Error for this invocation's function.
func (in *invocation) fail(format string, args ...any) error {
	return failf(in.call.name, format, args...)
}

// str returns argument i as a string.
func (in *invocation) str(i int) (string, error) {
	s, ok := in.args[i].(string)
	if !ok {
		return "", in.fail("argument %d must be a string, got %s", i+1, jsonType(in.args[i]))
	}
	return s, nil
}

// array returns argument i as an array.
func (in *invocation) array(i int) ([]any, error) {
	a, ok := in.args[i].([]any)
	if !ok {
		return nil, in.fail("argument %d must be an array, got %s", i+1, jsonType(in.args[i]))
	}
	return a, nil
}

// object returns argument i as an object.
func (in *invocation) object(i int) (map[string]any, error) {
	m, ok := in.args[i].(map[string]any)
	if !ok {
		return nil, in.fail("argument %d must be a JSON object, got %s", i+1, jsonType(in.args[i]))
	}
	return m, nil
}

// integer returns argument i, which must be an integral number.
func (in *invocation) integer(i int) (int64, error) {
	f, ok := in.args[i].(float64)
	if !ok || f != math.Trunc(f) || math.Abs(f) > maxInt {
		return 0, in.fail("argument %d must be an integer, got %s", i+1, describe(in.args[i]))
	}
	return int64(f), nil
}

// rounded returns argument i, a number, rounded to the nearest integer with
// halves up, as Java's Math.round.
func (in *invocation) rounded(i int) (int64, error) {
	f, ok := in.args[i].(float64)
	if !ok || math.Abs(f) > maxInt+1 {
		return 0, in.fail("argument %d must be a number, got %s", i+1, describe(in.args[i]))
	}
	return int64(math.Floor(f + 0.5)), nil
}

// jsonType names the JSON type of v.
func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	default:
		return fmt.Sprintf("%T", v)
	}
}

// describe names v's type and, for scalars, its value.
func describe(v any) string {
	switch v.(type) {
	case string, float64, bool:
		return fmt.Sprintf("%s %s", jsonType(v), javaString(v))
	default:
		return jsonType(v)
	}
}

// javaLength returns the length of s in UTF-16 code units, as Java counts
// characters.
func javaLength(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
