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

func TestUpExposure(t *testing.T) {
	tests := []struct {
		name    string
		listen  string
		exposed bool
		fails   bool
	}{
		{name: "loopback", listen: "127.0.0.1:9101"},
		{name: "localhost", listen: "localhost:9101"},
		{name: "ipv6 loopback", listen: "[::1]:9101"},
		{name: "every interface", listen: ":9101", exposed: true},
		{name: "any address", listen: "0.0.0.0:9101", exposed: true},
		{name: "lan address", listen: "192.168.1.5:9101", exposed: true},
		{name: "malformed", listen: "9101", fails: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exposed, err := checkExposure(tt.listen)
			if (err != nil) != tt.fails || exposed != tt.exposed {
				t.Errorf("got %v, %v, want exposed %v, fails %v", exposed, err, tt.exposed, tt.fails)
			}
		})
	}
}

func TestUpRequiresKeys(t *testing.T) {
	set, err := pack.Load(filepath.Join("..", "..", "packs"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		withKey bool
		exposed bool
		noAuth  bool
		want    int // status of a request without a key
	}{
		{name: "loopback without keys is open", want: http.StatusOK},
		{name: "a key exists", withKey: true, want: http.StatusUnauthorized},
		{name: "exposed without keys", exposed: true, want: http.StatusUnauthorized},
		{name: "no-auth with a key", withKey: true, exposed: true, noAuth: true, want: http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			var secret string
			if tt.withKey {
				out, errOut, code := runCLI(t, "apikey", "create", "--user", "ann", "--data-dir", dir)
				if code != 0 {
					t.Fatalf("creating key: got exit %d (%s), want 0", code, errOut)
				}
				secret = strings.TrimSpace(out)
			}
			ctx, cancel := context.WithCancel(t.Context())
			urls := make(chan string, 1)
			done := make(chan error, 1)
			var out, errOut syncBuffer
			cfg := upConfig{set: set, dataDir: dir, listen: "127.0.0.1:0", exposed: tt.exposed, noAuth: tt.noAuth}
			go func() { done <- serveUp(ctx, &out, &errOut, cfg, func(u string) { urls <- u }) }()
			defer func() {
				cancel()
				if err := <-done; err != nil {
					t.Errorf("got %v on shutdown, want nil", err)
				}
			}()
			var base string
			select {
			case base = <-urls:
			case err := <-done:
				t.Fatalf("up ended before serving: %v (%s)", err, errOut.String())
			}
			if got := getStatus(t, base+"/api/v1/executions", ""); got != tt.want {
				t.Errorf("without a key got %d, want %d (%s)", got, tt.want, out.String())
			}
			if secret != "" {
				if got := getStatus(t, base+"/api/v1/executions", secret); got != http.StatusOK {
					t.Errorf("with the key got %d, want 200", got)
				}
			}
		})
	}
}

// getStatus GETs url with key (when not empty) and returns the status.
func getStatus(t *testing.T, url, key string) int {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("St2-Api-Key", key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestUpServesWebhooksUntilCanceled(t *testing.T) {
	set, err := pack.Load(filepath.Join("..", "..", "packs"))
	if err != nil {
		t.Fatal(err)
	}
	up := startUp(t, upConfig{set: set, dataDir: t.TempDir()})
	base, out := up.base, up.out
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
	up.stop(t) // with an event stream open
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
