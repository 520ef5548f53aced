package main

import (
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/pack"
)

// TestUpCancelsExecution runs a long command through the API and cancels
// it with DELETE /api/v1/executions/{id}.
func TestUpCancelsExecution(t *testing.T) {
	set, err := pack.Load(filepath.Join("..", "..", "packs"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	urls := make(chan string, 1)
	var out, errOut syncBuffer
	done := make(chan error, 1)
	cfg := upConfig{set: set, dataDir: t.TempDir(), listen: "127.0.0.1:0"}
	go func() { done <- serveUp(ctx, &out, &errOut, cfg, func(u string) { urls <- u }) }()
	defer func() { cancel(); <-done }()
	var base string
	select {
	case base = <-urls:
	case err := <-done:
		t.Fatalf("up ended before serving: %v (%s)", err, errOut.String())
	}
	resp, err := http.Post(base+"/api/v1/executions", "application/json",
		strings.NewReader(`{"action": "core.local", "parameters": {"cmd": "sleep 30"}}`))
	if err != nil {
		t.Fatal(err)
	}
	var x execution.Execution
	err = json.NewDecoder(resp.Body).Decode(&x)
	resp.Body.Close()
	if err != nil || x.ID == "" {
		t.Fatalf("got execution %+v (%v), want one with an id", x, err)
	}
	req, err := http.NewRequestWithContext(t.Context(), http.MethodDelete, base+"/api/v1/executions/"+x.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	err = json.NewDecoder(resp.Body).Decode(&x)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || err != nil {
		t.Fatalf("DELETE: got %d (%v), want 200", resp.StatusCode, err)
	}
	if x.Status != execution.StatusCanceling && x.Status != execution.StatusCanceled {
		t.Errorf("got status %s, want canceling or canceled", x.Status)
	}
}
