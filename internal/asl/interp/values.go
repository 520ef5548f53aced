package interp

import (
	"bytes"
	"encoding/json"
	"sort"
)

// mustJSON encodes v compactly without HTML escaping; values of the generic
// JSON form always encode.
func mustJSON(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return []byte("null")
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// maxPayloadBytes is Step Functions' payload size limit (256 KiB).
const maxPayloadBytes = 256 * 1024

// jsonSize returns an upper bound close to the JSON-encoded size of v,
// without allocating. It stops counting past limit.
func jsonSize(v any, limit int) int {
	switch x := v.(type) {
	case nil:
		return 4
	case bool:
		return 5
	case float64:
		return 24
	case string:
		return len(x) + 2
	case []any:
		n := 2
		for _, e := range x {
			n += jsonSize(e, limit) + 1
			if n > limit {
				return n
			}
		}
		return n
	case map[string]any:
		n := 2
		for k, e := range x {
			n += len(k) + 4 + jsonSize(e, limit)
			if n > limit {
				return n
			}
		}
		return n
	}
	return len(mustJSON(v))
}

// exceedsLimit reports whether v's JSON encoding is over 256 KiB.
func exceedsLimit(v any) bool {
	if jsonSize(v, maxPayloadBytes+1) <= maxPayloadBytes {
		return false
	}
	return len(mustJSON(v)) > maxPayloadBytes
}

// deepCopy copies a generic JSON value so the copy can be handed to code
// that may mutate it.
func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = deepCopy(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = deepCopy(e)
		}
		return out
	}
	return v
}
