package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

// The end-to-end suite runs against a deployed stack: make test-localstack
// (LocalStack) and make test-aws (real AWS) deploy it, create an API key
// and set these variables. Without them it skips.
const (
	envE2EOutputs = "STORMLESS_E2E_OUTPUTS" // cdk deploy --outputs-file
	envE2EAPIKey  = "STORMLESS_E2E_API_KEY"
)

// e2eStack reads the deployed stack's outputs, skipping without them.
func e2eStack(t *testing.T) (apiURL, webhookURL, key string) {
	t.Helper()
	path, key := os.Getenv(envE2EOutputs), os.Getenv(envE2EAPIKey)
	if path == "" || key == "" {
		t.Skipf("%s and %s are not set: no deployed stack to test (make test-localstack or make test-aws set them)", envE2EOutputs, envE2EAPIKey)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var stacks map[string]map[string]string
	if err := json.Unmarshal(raw, &stacks); err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	for _, outs := range stacks {
		if outs[OutputAPIURL] != "" {
			return strings.TrimSuffix(outs[OutputAPIURL], "/"), outs[OutputWebhookURL], key
		}
	}
	t.Fatalf("%s has no %s output", path, OutputAPIURL)
	return "", "", ""
}

func e2eCall(t *testing.T, method, url, key string, body any) (int, []byte) {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, url, r)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("St2-Api-Key", key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// TestEndToEndWebhookRunsRule fires the examples webhook on the deployed
// API and waits for examples.greet to succeed with the greeting, through
// EventBridge, the enforcement machine, the runner and the audit table.
func TestEndToEndWebhookRunsRule(t *testing.T) {
	apiURL, webhookURL, key := e2eStack(t)
	if code, _ := e2eCall(t, "GET", apiURL+"/api/v1/executions", "", nil); code != http.StatusForbidden && code != http.StatusUnauthorized {
		t.Errorf("GET /api/v1/executions without a key: got HTTP %d, want 401 or 403", code)
	}
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	name := "Ada" + hex.EncodeToString(b)
	if code, body := e2eCall(t, "POST", webhookURL+"sample", key, map[string]string{"name": name}); code/100 != 2 {
		t.Fatalf("POST webhook sample: HTTP %d %s", code, body)
	}
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		code, body := e2eCall(t, "GET", apiURL+"/api/v1/executions?action=examples.greet&limit=20", key, nil)
		if code != http.StatusOK {
			t.Fatalf("listing executions: HTTP %d %s", code, body)
		}
		var list []struct {
			Status string          `json:"status"`
			Result json.RawMessage `json:"result"`
		}
		if err := json.Unmarshal(body, &list); err != nil {
			t.Fatalf("decoding executions: %v: %s", err, body)
		}
		for _, x := range list {
			if strings.Contains(string(x.Result), name) {
				if x.Status == "succeeded" {
					return
				}
				if x.Status == "failed" || x.Status == "timeout" {
					t.Fatalf("examples.greet for %s: %s %s", name, x.Status, x.Result)
				}
			}
		}
		time.Sleep(3 * time.Second)
	}
	t.Fatalf("no succeeded examples.greet greeting %s within 3 minutes", name)
}
