package shell_test

import (
	"fmt"

	"github.com/stormless/stormless/internal/runner"
	"github.com/stormless/stormless/internal/runner/shell"
)

func ExampleArgs() {
	first := 0
	specs := map[string]runner.Param{"path": {Type: "string", Position: &first}}
	params := map[string]any{"path": "/tmp/a b", "force": true, "dry_run": false, "count": 3.0, "note": nil}
	fmt.Println(shell.Args(params, specs, "--"))
	// Output: --count=3 --force '/tmp/a b'
}
