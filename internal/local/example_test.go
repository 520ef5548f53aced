package local_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/stormless/stormless/internal/local"
)

// ExampleEngine_Run runs core.echo directly, as `stormless run` does, and
// prints the recorded execution.
func ExampleEngine_Run() {
	dir, err := os.MkdirTemp("", "stormless-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	e, err := local.New(local.WithPacks(filepath.Join("..", "..", "packs")), local.WithDataDir(dir), local.WithTimers(false))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer e.Close()
	ctx := context.Background()
	if err := e.Start(ctx); err != nil {
		fmt.Println(err)
		return
	}
	x, err := e.Run(ctx, "core.echo", map[string]any{"message": "Hello, Stormless"})
	if err != nil {
		fmt.Println(err)
		return
	}
	var result struct {
		Stdout string `json:"stdout"`
	}
	_ = json.Unmarshal(x.Result, &result)
	fmt.Println(x.Status, x.Parameters["cmd"])
	fmt.Printf("%q\n", result.Stdout)
	for _, l := range x.Log {
		fmt.Println(l.Status)
	}
	// Output:
	// succeeded echo "Hello, Stormless"
	// "Hello, Stormless"
	// requested
	// scheduled
	// running
	// succeeded
}
