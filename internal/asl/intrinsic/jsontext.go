package intrinsic

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
)

// compactJSON renders v as compact JSON without HTML escaping, as Jackson
// writes it.
func compactJSON(v any) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", fmt.Errorf("encoding JSON: %w", err)
	}
	return strings.TrimSuffix(buf.String(), "\n"), nil
}

// compactJSONOr renders v as JSON, or with %v if it is not JSON.
func compactJSONOr(v any) string {
	s, err := compactJSON(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return s
}

// parseJSON decodes one JSON value from s; blank text is null, as Step
// Functions treats it. Negative zero becomes zero.
func parseJSON(s string) (any, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	dec := json.NewDecoder(strings.NewReader(s))
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("decoding JSON: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("decoding JSON: unexpected data after the value")
	}
	return positiveZero(v), nil
}

// positiveZero replaces -0 by 0 throughout v.
func positiveZero(v any) any {
	switch v := v.(type) {
	case float64:
		if v == 0 && math.Signbit(v) {
			return 0.0
		}
	case []any:
		for i, e := range v {
			v[i] = positiveZero(e)
		}
	case map[string]any:
		for k, e := range v {
			v[k] = positiveZero(e)
		}
	}
	return v
}

// canonicalJSON renders v with sorted keys, for equality tests.
func canonicalJSON(v any) string {
	return compactJSONOr(v)
}
