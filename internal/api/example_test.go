package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/local"
)

// Serve the API over a local engine, run core.echo through it and read the
// execution back, as StackStorm's API is used.
func ExampleNew() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "stormless-api-example")
	defer os.RemoveAll(dir)
	e, err := local.New(local.WithPacks(filepath.Join("..", "..", "packs")), local.WithDataDir(dir), local.WithTimers(false))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer e.Close()
	if err := e.Start(ctx); err != nil {
		fmt.Println(err)
		return
	}
	h, err := api.New(engine{e}, e.Store())
	if err != nil {
		fmt.Println(err)
		return
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	resp, err := http.Post(srv.URL+"/api/v1/executions", "application/json",
		strings.NewReader(`{"action": "core.echo", "parameters": {"message": "hello"}}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	var x execution.Execution
	json.NewDecoder(resp.Body).Decode(&x)
	resp.Body.Close()
	fmt.Println(resp.StatusCode, x.Action.Ref)

	for !x.Status.Final() {
		time.Sleep(10 * time.Millisecond)
		resp, err := http.Get(srv.URL + "/api/v1/executions/" + x.ID)
		if err != nil {
			fmt.Println(err)
			return
		}
		json.NewDecoder(resp.Body).Decode(&x)
		resp.Body.Close()
	}
	var result struct{ Stdout string }
	json.Unmarshal(x.Result, &result)
	fmt.Println(x.Status, result.Stdout)
	// Output:
	// 201 core.echo
	// succeeded hello
}
