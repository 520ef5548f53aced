package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/pack"
)

func TestPacksReload(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	write := func(name, data string) {
		t.Helper()
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("pack.yaml", "---\nref: r\nname: r\ndescription: reload\nversion: 0.1.0\nauthor: Stormless\n")
	dirs := []string{filepath.Join("..", "..", "packs", "core"), dir}
	set, err := pack.Load(dirs...)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	urls := make(chan string, 1)
	done := make(chan error, 1)
	var out, errOut syncBuffer
	cfg := upConfig{set: set, packDirs: dirs, dataDir: t.TempDir(), listen: "127.0.0.1:0"}
	go func() { done <- serveUp(ctx, &out, &errOut, cfg, func(u string) { urls <- u }) }()
	defer func() {
		cancel()
		<-done
	}()
	var base string
	select {
	case base = <-urls:
	case err := <-done:
		t.Fatalf("up ended before serving: %v (%s)", err, errOut.String())
	}
	write("rules/hook.yaml", "---\nname: hook\npack: r\nenabled: true\ntrigger:\n  type: core.st2.webhook\n  parameters: {url: hook}\naction:\n  ref: core.noop\n")
	stdout, stderr, code := runCLI(t, "packs", "reload", "--url", base)
	if code != 0 || !strings.Contains(stdout, "reloaded 2 pack(s): core, r") {
		t.Fatalf("got exit %d, %q %q, want 0 and the packs", code, stdout, stderr)
	}
	postJSON(t, base+"/api/v1/webhooks/hook", `{}`, 202)

	write("rules/bad.yaml", "---\nname: bad\npack: r\nenabled: true\ntrigger:\n  type: core.st2.webhook\naction:\n  ref: core.noop\n  parameterz: {}\n")
	stdout, stderr, code = runCLI(t, "packs", "reload", "--url", base)
	if code != 1 || !strings.Contains(stderr, "bad.yaml:") || !strings.Contains(stderr, "the server keeps the packs it had") {
		t.Errorf("got exit %d, %q %q, want 1 with bad.yaml:line", code, stdout, stderr)
	}
	postJSON(t, base+"/api/v1/webhooks/hook", `{}`, 202)

	_, stderr, code = runCLI(t, "packs", "reload", "--url", "http://127.0.0.1:1")
	if code != 1 || !strings.Contains(stderr, "cannot reach the Stormless server") {
		t.Errorf("got exit %d, %q, want 1 naming the unreachable server", code, stderr)
	}
}

// st2 users type "pack reload": it is the same command as "packs reload".
func TestPackReloadAlias(t *testing.T) {
	_, errOut, code := runCLI(t, "pack", "reload", "--url", "http://127.0.0.1:1")
	if code != 1 || !strings.Contains(errOut, "cannot reach the Stormless server") {
		t.Errorf("got exit %d, stderr %q; want packs reload's unreachable-server error", code, errOut)
	}
}
