package runner

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ParameterError is a parameter whose value a runner cannot use.
type ParameterError struct {
	Name   string
	Reason string
}

// Error implements error.
func (e *ParameterError) Error() string {
	return fmt.Sprintf("parameter %q: %s", e.Name, e.Reason)
}

// String returns parameter name as a string: def when absent or null, an
// error when it is not a string.
func (r Request) String(name, def string) (string, error) {
	v, ok := r.Parameters[name]
	if !ok || v == nil {
		return def, nil
	}
	s, ok := v.(string)
	if !ok {
		return "", &ParameterError{name, fmt.Sprintf("got %T, want a string", v)}
	}
	return s, nil
}

// Bool returns parameter name as a boolean: def when absent or null, an
// error when it is not a boolean.
func (r Request) Bool(name string, def bool) (bool, error) {
	v, ok := r.Parameters[name]
	if !ok || v == nil {
		return def, nil
	}
	b, ok := v.(bool)
	if !ok {
		return false, &ParameterError{name, fmt.Sprintf("got %T, want a boolean", v)}
	}
	return b, nil
}

// Number returns parameter name as a float64 (any JSON number or Go
// numeric type, or a numeric string): def when absent or null.
func (r Request) Number(name string, def float64) (float64, error) {
	v, ok := r.Parameters[name]
	if !ok || v == nil {
		return def, nil
	}
	f, ok := Number(v)
	if !ok || math.IsNaN(f) {
		return 0, &ParameterError{name, fmt.Sprintf("got %v, want a number", v)}
	}
	return f, nil
}

// Number returns v as a float64 when it is any Go or JSON number, as
// decoded from YAML or JSON; ok is false for every other value.
func Number(v any) (f float64, ok bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case float32:
		return float64(n), true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case int32:
		return float64(n), true
	case uint64:
		return float64(n), true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(n), 64)
		return f, err == nil
	}
	return 0, false
}

// Object returns parameter name as a JSON object: nil when absent or null,
// an error when it is not an object. A string holding a JSON object is
// decoded.
func (r Request) Object(name string) (map[string]any, error) {
	v, ok := r.Parameters[name]
	if !ok || v == nil {
		return nil, nil
	}
	switch o := v.(type) {
	case map[string]any:
		return o, nil
	case string:
		var m map[string]any
		if err := json.Unmarshal([]byte(o), &m); err == nil {
			return m, nil
		}
	}
	return nil, &ParameterError{name, fmt.Sprintf("got %T, want an object", v)}
}

// Strings returns parameter name as a list of strings: nil when absent or
// null. A list's items are formatted with fmt.Sprint; a string is split on
// commas.
func (r Request) Strings(name string) ([]string, error) {
	v, ok := r.Parameters[name]
	if !ok || v == nil {
		return nil, nil
	}
	switch l := v.(type) {
	case []string:
		return l, nil
	case []any:
		out := make([]string, len(l))
		for i, x := range l {
			out[i] = fmt.Sprint(x)
		}
		return out, nil
	case string:
		if l == "" {
			return nil, nil
		}
		return strings.Split(l, ","), nil
	}
	return nil, &ParameterError{name, fmt.Sprintf("got %T, want a list", v)}
}
