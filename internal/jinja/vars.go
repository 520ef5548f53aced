package jinja

// SetNested stores the datastore value v in m under path, creating the
// nested maps a template reads as st2kv.system.a.b; when a key is both a
// value and a prefix of another key, the longer path wins, whichever is
// stored first (StackStorm's KeyValueLookup). m is modified; path must
// not be empty.
func SetNested(m map[string]any, path []string, v string) {
	for _, p := range path[:len(path)-1] {
		next, ok := m[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[p] = next
		}
		m = next
	}
	last := path[len(path)-1]
	if _, isMap := m[last].(map[string]any); !isMap {
		m[last] = v
	}
}
