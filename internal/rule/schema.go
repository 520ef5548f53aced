package rule

// leafSchema returns the schema a JSON Schema gives the value at a payload
// path when it guarantees that no value along the path is an array
// (EventBridge matches arrays element-wise, where StackStorm compares whole
// values); nil when it does not. A nil schema guarantees nothing.
func leafSchema(schema map[string]any, fields []string) map[string]any {
	node := schema
	for _, f := range fields {
		if node == nil || !declaresOnly(node, "object") {
			return nil
		}
		props, _ := node["properties"].(map[string]any)
		node, _ = props[f].(map[string]any)
	}
	if node == nil || !declaresNoneOf(node, "array") {
		return nil
	}
	return node
}

// declaresOnly reports whether the schema's type is exactly t.
func declaresOnly(node map[string]any, t string) bool {
	s, ok := node["type"].(string)
	return ok && s == t
}

// declaresNoneOf reports whether the schema declares a type and it is none
// of ts.
func declaresNoneOf(node map[string]any, ts ...string) bool {
	var types []any
	switch t := node["type"].(type) {
	case string:
		types = []any{t}
	case []any:
		types = t
	}
	if len(types) == 0 {
		return false
	}
	for _, e := range types {
		for _, t := range ts {
			if e == t {
				return false
			}
		}
	}
	return true
}

// exactUnder reports whether a leaf decides its criterion alone for
// values of the given schema: numbers in the leaf blur with nearby numbers
// (EventBridge compares six decimal places), unless the value cannot be a
// number.
func exactUnder(l leaf, node map[string]any) bool {
	if !l.exact || node == nil {
		return false
	}
	for _, v := range l.values {
		if _, isNum := v.(number); isNum {
			return declaresNoneOf(node, "number", "integer")
		}
	}
	return true
}
