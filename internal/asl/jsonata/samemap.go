package jsonata

import "reflect"

// isSameMap reports whether n is the map m itself.
func isSameMap(n any, m map[string]any) bool {
	nm, ok := n.(map[string]any)
	return ok && reflect.ValueOf(nm).UnsafePointer() == reflect.ValueOf(m).UnsafePointer()
}
