package path_test

import (
	"encoding/json"
	"fmt"

	"github.com/stormless/stormless/internal/asl/path"
)

func ExampleQuery() {
	var doc any
	_ = json.Unmarshal([]byte(`{"items": [{"id": "a", "n": 1}, {"id": "b", "n": 5}]}`), &doc)
	one, _ := path.Query("$.items[0].id", doc)
	many, _ := path.Query("$.items[?(@.n > 2)].id", doc)
	_, err := path.Query("$.missing", doc)
	fmt.Println(one, many)
	fmt.Println(err)
	// Output:
	// a [b]
	// Invalid path '$.missing' : No results for path: $['missing']
}

func ExampleReference_Set() {
	r, _ := path.ParseReference("$.result.value")
	out, _ := r.Set(map[string]any{"in": 1.0}, "done")
	b, _ := json.Marshal(out)
	fmt.Println(string(b))
	// Output: {"in":1,"result":{"value":"done"}}
}
