package param

import (
	"encoding/json"
	"strconv"
	"strings"
)

// cast converts a string value to the parameter's type as StackStorm's
// casts do: integers and numbers parsed, "true"/"false" (any case) to
// booleans, JSON text to objects and arrays, and a string that is not JSON
// to an array by splitting on commas. Values that are not strings, and
// strings that do not convert, are returned unchanged so that validation
// names the parameter.
func cast(typ string, v any) any {
	s, ok := v.(string)
	if !ok {
		return castNumber(typ, v)
	}
	switch typ {
	case "integer":
		if n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
			return n
		}
	case "number":
		if n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
			return n
		}
		if f, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
			return f
		}
	case "boolean":
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "true":
			return true
		case "false":
			return false
		}
	case "object":
		return castJSON(s, v)
	case "array":
		return castArray(s)
	}
	return v
}

// castNumber turns an integral float64 (what JSON decoding gives) into an
// int64 for integer parameters, so runners and records see 5, not 5.0.
func castNumber(typ string, v any) any {
	if typ != "integer" {
		return v
	}
	switch n := v.(type) {
	case float64:
		if n == float64(int64(n)) {
			return int64(n)
		}
	case int:
		return int64(n)
	case int32:
		return int64(n)
	case uint64:
		return int64(n)
	}
	return v
}

func castJSON(s string, orig any) any {
	var out any
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return orig
	}
	return out
}

func castArray(s string) any {
	t := strings.TrimSpace(s)
	if strings.HasPrefix(t, "[") {
		var out []any
		if err := json.Unmarshal([]byte(t), &out); err == nil {
			return out
		}
	}
	parts := strings.Split(s, ",")
	out := make([]any, len(parts))
	for i, p := range parts {
		out[i] = strings.TrimSpace(p)
	}
	return out
}

// typeOf returns a parameter's single declared type, "" when none or a
// list of types.
func typeOf(t any) string {
	s, _ := t.(string)
	return s
}
