package command

import (
	"encoding/json"
	"testing"
)

// FuzzParseOutput feeds arbitrary sensor output: every object returned is
// a JSON object that encodes again, and nothing panics.
func FuzzParseOutput(f *testing.F) {
	f.Add([]byte("{\"a\": 1}\nnot json\n{\"b\": [1, 2]}\n"))
	f.Add([]byte(`[{"a": 1}, 2, {"b": null}]`))
	f.Add([]byte(`{"a": 1} {"b": 2}`))
	f.Add([]byte("null\n[\n"))
	f.Fuzz(func(t *testing.T, out []byte) {
		objs, problems := parseOutput(out)
		for _, o := range objs {
			if o == nil {
				t.Fatalf("got a nil object from %q", out)
			}
			if _, err := json.Marshal(o); err != nil {
				t.Fatalf("got an object that does not encode: %v", err)
			}
		}
		for _, p := range problems {
			if p == nil {
				t.Fatal("got a nil problem")
			}
		}
	})
}
