package api_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReloadPacks(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	write := func(name, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("pack.yaml", "---\nref: r\nname: r\ndescription: reload\nversion: 0.1.0\nauthor: Stormless\n")
	s := newServerOver(t, []string{filepath.Join("..", "..", "packs", "core"), dir})
	if code, body, _ := s.do(t, http.MethodPost, "/api/v1/webhooks/later", map[string]any{}); code != http.StatusNotFound {
		t.Fatalf("got %d %s before the rule exists, want 404", code, body)
	}
	write("rules/later.yaml", "---\nname: later\npack: r\nenabled: true\ntrigger:\n  type: core.st2.webhook\n  parameters: {url: later}\naction:\n  ref: core.noop\n")
	code, body, _ := s.do(t, http.MethodPost, "/api/v1/packs/reload", nil)
	var ok struct{ Packs []string }
	if code != http.StatusOK || json.Unmarshal(body, &ok) != nil || !strings.Contains(strings.Join(ok.Packs, ","), "r") {
		t.Fatalf("got %d %s, want 200 listing pack r", code, body)
	}
	if code, body, _ := s.do(t, http.MethodPost, "/api/v1/webhooks/later", map[string]any{}); code != http.StatusAccepted {
		t.Fatalf("got %d %s after the reload, want 202", code, body)
	}
	if code, _, _ := s.do(t, http.MethodGet, "/api/v1/rules/r.later", nil); code != http.StatusOK {
		t.Errorf("got %d for the new rule, want 200", code)
	}

	write("rules/broken.yaml", "---\nname: broken\npack: r\nenabled: yes-please\n")
	code, body, hd := s.do(t, http.MethodPost, "/api/v1/packs/reload", nil)
	if code != http.StatusBadRequest || !strings.Contains(string(body), "broken.yaml:") {
		t.Errorf("got %d %s, want 400 naming broken.yaml:line", code, body)
	}
	checkFault(t, code, body, hd)
	if code, body, _ := s.do(t, http.MethodPost, "/api/v1/webhooks/later", map[string]any{}); code != http.StatusAccepted {
		t.Errorf("got %d %s after a failed reload, want the old rule kept (202)", code, body)
	}
}
