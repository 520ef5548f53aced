package jsonata

import (
	"math"
	"reflect"
)

// normalize converts a result of the library to Go's encoding/json generic
// form. It reports false for values that are not JSON (functions, NaN).
func normalize(v any) (any, bool) {
	switch v := v.(type) {
	case nil, string, bool:
		return v, true
	case float64:
		return v, !math.IsNaN(v) && !math.IsInf(v, 0)
	case []any:
		return normalizeSlice(v)
	case map[string]any:
		return normalizeMap(v)
	}
	return normalizeReflect(reflect.ValueOf(v))
}

// normalizeSlice normalizes each element, copying only if one changes.
func normalizeSlice(a []any) (any, bool) {
	out := a
	copied := false
	for i, e := range a {
		n, ok := normalize(e)
		if !ok {
			return nil, false
		}
		if !sameValue(n, e) {
			if !copied {
				out = append([]any(nil), a...)
				copied = true
			}
			out[i] = n
		}
	}
	return out, true
}

// normalizeMap normalizes each member, copying only if one changes.
func normalizeMap(m map[string]any) (any, bool) {
	out := m
	copied := false
	for k, e := range m {
		n, ok := normalize(e)
		if !ok {
			return nil, false
		}
		if !sameValue(n, e) {
			if !copied {
				out = make(map[string]any, len(m))
				for k2, e2 := range m {
					out[k2] = e2
				}
				copied = true
			}
			out[k] = n
		}
	}
	return out, true
}

// sameValue reports whether normalizing left a scalar unchanged; composite
// values are always taken from the normalized side.
func sameValue(a, b any) bool {
	switch b.(type) {
	case nil, string, bool, float64:
		return a == b
	}
	return false
}

// normalizeReflect handles the other Go types the library may return:
// integers, typed slices and maps.
func normalizeReflect(v reflect.Value) (any, bool) {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(v.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(v.Uint()), true
	case reflect.Float32:
		return v.Float(), true
	case reflect.String:
		return v.String(), true
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Slice, reflect.Array:
		return reflectSlice(v)
	case reflect.Map:
		return reflectMap(v)
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil, true
		}
		return normalizeReflect(v.Elem())
	}
	return nil, false
}

// reflectSlice converts a typed slice.
func reflectSlice(v reflect.Value) (any, bool) {
	out := make([]any, v.Len())
	for i := range out {
		if !v.Index(i).CanInterface() {
			return nil, false
		}
		n, ok := normalize(v.Index(i).Interface())
		if !ok {
			return nil, false
		}
		out[i] = n
	}
	return out, true
}

// reflectMap converts a map with string keys.
func reflectMap(v reflect.Value) (any, bool) {
	if v.Type().Key().Kind() != reflect.String {
		return nil, false
	}
	out := make(map[string]any, v.Len())
	for it := v.MapRange(); it.Next(); {
		if !it.Value().CanInterface() {
			return nil, false
		}
		n, ok := normalize(it.Value().Interface())
		if !ok {
			return nil, false
		}
		out[it.Key().String()] = n
	}
	return out, true
}
