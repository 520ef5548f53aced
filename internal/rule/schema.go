package rule

// scalarPath reports whether a JSON Schema guarantees that no value along
// the payload path is an array (EventBridge matches arrays element-wise,
// where StackStorm compares whole values). A nil schema guarantees nothing.
func scalarPath(schema map[string]any, fields []string) bool {
	node := schema
	for _, f := range fields {
		if node == nil || !declaresOnly(node, "object") {
			return false
		}
		props, _ := node["properties"].(map[string]any)
		node, _ = props[f].(map[string]any)
	}
	return node != nil && declaresNoArray(node)
}

// declaresOnly reports whether the schema's type is exactly t.
func declaresOnly(node map[string]any, t string) bool {
	s, ok := node["type"].(string)
	return ok && s == t
}

// declaresNoArray reports whether the schema declares a type and it
// excludes arrays.
func declaresNoArray(node map[string]any) bool {
	switch t := node["type"].(type) {
	case string:
		return t != "array"
	case []any:
		for _, e := range t {
			if e == "array" {
				return false
			}
		}
		return len(t) > 0
	}
	return false
}
