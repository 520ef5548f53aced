package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/pack"
)

func TestUpRefusesInvalidPacks(t *testing.T) {
	dataDir := filepath.Join(t.TempDir(), "data")
	stdout, stderr, code := runCLI(t, "up", "--packs", filepath.Join("testdata", "up", "badpack"),
		"--data-dir", dataDir, "--listen", "127.0.0.1:0")
	if code != 1 {
		t.Errorf("got exit status %d, want 1", code)
	}
	checkGolden(t, "up_badpack.golden", stdout+stderr)
	if _, err := os.Stat(dataDir); !os.IsNotExist(err) {
		t.Errorf("got data directory %s (%v), want none created", dataDir, err)
	}
}

func TestUpRefusesExposureWithoutAuth(t *testing.T) {
	tests := []struct {
		name   string
		listen string
		noAuth bool
		ok     bool
	}{
		{name: "loopback", listen: "127.0.0.1:9101", ok: true},
		{name: "localhost", listen: "localhost:9101", ok: true},
		{name: "ipv6 loopback", listen: "[::1]:9101", ok: true},
		{name: "every interface", listen: ":9101"},
		{name: "any address", listen: "0.0.0.0:9101"},
		{name: "lan address", listen: "192.168.1.5:9101"},
		{name: "explicitly open", listen: "0.0.0.0:9101", noAuth: true, ok: true},
		{name: "malformed", listen: "9101"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := checkExposure(tt.listen, tt.noAuth); (err == nil) != tt.ok {
				t.Errorf("got %v, want ok %v", err, tt.ok)
			}
		})
	}
}

func TestUpServesWebhooksUntilCanceled(t *testing.T) {
	set, err := pack.Load(filepath.Join("..", "..", "packs"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	urls := make(chan string, 1)
	var out, errOut syncBuffer
	done := make(chan error, 1)
	cfg := upConfig{set: set, dataDir: t.TempDir(), listen: "127.0.0.1:0"}
	go func() { done <- serveUp(ctx, &out, &errOut, cfg, func(u string) { urls <- u }) }()
	var base string
	select {
	case base = <-urls:
	case err := <-done:
		t.Fatalf("up ended before serving: %v (%s)", err, errOut.String())
	}
	if !strings.Contains(out.String(), "Stormless is up at "+base) {
		t.Errorf("got %q, want the URL printed", out.String())
	}
	postJSON(t, base+"/api/v1/webhooks/sample", `{"name": "Ada"}`, http.StatusAccepted)
	e := waitGreeting(t, base)
	if !strings.Contains(string(e.Result), "Hello, Ada!") {
		t.Errorf("got result %s, want the greeting", e.Result)
	}
	stream, err := http.Get(base + "/stream/v1/stream")
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("got %v on shutdown, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("up did not shut down with an event stream open")
	}
}

// postJSON posts body to url and wants status want.
func postJSON(t *testing.T, url, body string, want int) {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != want {
		t.Fatalf("POST %s: got %d, want %d", url, resp.StatusCode, want)
	}
}

// waitGreeting polls the API until the example rule's execution is final.
func waitGreeting(t *testing.T, base string) execution.Execution {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		resp, err := http.Get(base + "/api/v1/executions?rule=examples.greet_on_webhook")
		if err != nil {
			t.Fatal(err)
		}
		var list []execution.Execution
		err = json.NewDecoder(resp.Body).Decode(&list)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(list) > 0 && list[0].Status.Final() {
			return list[0]
		}
	}
	t.Fatal("the webhook's execution never ended")
	return execution.Execution{}
}

// syncBuffer is a bytes.Buffer safe for one writer and concurrent readers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
