package interp

import "strings"

// itemsTypeFailure fails a JSONata Items expression whose value is not an
// array, worded as Step Functions words it; nil for arrays and for Items
// given as a literal.
func itemsTypeFailure(field, v any) *Failure {
	src, ok := field.(string)
	if _, isArray := v.([]any); isArray || !ok || !strings.HasPrefix(src, "{%") {
		return nil
	}
	expr := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(src, "{%"), "%}"))
	return runtimeFail(ErrQueryEvaluation,
		"The JSONata expression '%s' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '%s' for value: %s",
		expr, jsonTypeName(v), mustJSON(v))
}

// jsonTypeName names a JSON value's type as Step Functions does.
func jsonTypeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	}
	return "object"
}
