package execution

// Masked is what a secret value is stored and shown as.
const Masked = "********"

// MaskSecrets returns a copy of params in which the value of every
// parameter marked "secret": true in schema is replaced by Masked. schema is
// an action's parameters object as written in its metadata (name -> JSON
// schema with StackStorm's extensions). Secrets nested in object
// parameters ("properties", "additionalProperties") and array parameters
// ("items") are masked too, as StackStorm does. params is not modified; it
// is safe for concurrent use.
func MaskSecrets(params map[string]any, schema map[string]any) map[string]any {
	if params == nil {
		return nil
	}
	out := make(map[string]any, len(params))
	for name, v := range params {
		out[name] = maskValue(v, asObject(schema[name]))
	}
	return out
}

// maskValue masks v according to its parameter schema s.
func maskValue(v any, s map[string]any) any {
	if s == nil || v == nil {
		return v
	}
	if secret, _ := s["secret"].(bool); secret {
		return Masked
	}
	switch v := v.(type) {
	case map[string]any:
		return maskObject(v, s)
	case []any:
		return maskArray(v, asObject(s["items"]))
	}
	return v
}

// maskObject masks the members of an object parameter.
func maskObject(v map[string]any, s map[string]any) map[string]any {
	props := asObject(s["properties"])
	extra := asObject(s["additionalProperties"])
	out := make(map[string]any, len(v))
	for k, x := range v {
		ps := asObject(props[k])
		if ps == nil {
			ps = extra
		}
		out[k] = maskValue(x, ps)
	}
	return out
}

// maskArray masks the items of an array parameter.
func maskArray(v []any, items map[string]any) []any {
	out := make([]any, len(v))
	for i, x := range v {
		out[i] = maskValue(x, items)
	}
	return out
}

// asObject returns v as a JSON object, nil when it is not one.
func asObject(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}
