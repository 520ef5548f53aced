package jsonata

// null is how the library represents JSON null: a nil *interface{}. A plain
// nil in its input reads as "undefined" (a missing field), so inputs are
// converted before evaluation.
var null *any

// withNulls returns v with every nil replaced by null, copying only the
// objects and arrays that hold one.
func withNulls(v any) any {
	switch v := v.(type) {
	case nil:
		return null
	case []any:
		return nullsInSlice(v)
	case map[string]any:
		return nullsInMap(v)
	}
	return v
}

// nullsInSlice converts the elements of a, copying a if one changes.
func nullsInSlice(a []any) any {
	var out []any
	for i, e := range a {
		n := withNulls(e)
		if out == nil && !sameRef(n, e) {
			out = append(make([]any, 0, len(a)), a[:i]...)
		}
		if out != nil {
			out = append(out, n)
		}
	}
	if out == nil {
		return a
	}
	return out
}

// nullsInMap converts the members of m, copying m if one changes.
func nullsInMap(m map[string]any) any {
	var out map[string]any
	for k, e := range m {
		n := withNulls(e)
		if sameRef(n, e) {
			continue
		}
		if out == nil {
			out = make(map[string]any, len(m))
			for k2, e2 := range m {
				out[k2] = e2
			}
		}
		out[k] = n
	}
	if out == nil {
		return m
	}
	return out
}

// sameRef reports whether converting left e as it was: scalars compare
// equal, and a composite value comes back as the very same object.
func sameRef(n, e any) bool {
	switch e := e.(type) {
	case nil:
		return false
	case []any:
		nn, ok := n.([]any)
		return ok && len(nn) == len(e) && (len(e) == 0 || &nn[0] == &e[0])
	case map[string]any:
		return isSameMap(n, e)
	}
	return true
}
