package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/datastore"
	"github.com/stormless/stormless/internal/datastore/memkv"
	"github.com/stormless/stormless/internal/execution"
)

// accepted is the answer to a webhook.
type accepted struct {
	Trigger           string `json:"trigger"`
	TriggerInstanceID string `json:"trigger_instance_id"`
}

func TestWebhookFiresRuleVisibleThroughAPI(t *testing.T) {
	s := newServer(t)
	code, body, _ := s.do(t, http.MethodPost, "/api/v1/webhooks/apitest/hook", map[string]any{"msg": "hello api"})
	if code != http.StatusAccepted {
		t.Fatalf("got %d %s, want 202", code, body)
	}
	var a accepted
	if err := json.Unmarshal(body, &a); err != nil || a.TriggerInstanceID == "" {
		t.Fatalf("got %s (%v), want a trigger instance id", body, err)
	}
	var ti execution.TriggerInstance
	s.getJSON(t, "/api/v1/triggerinstances/"+a.TriggerInstanceID, &ti)
	if ti.Trigger != "core.st2.webhook" || !strings.Contains(string(ti.Payload), "hello api") {
		t.Errorf("got trigger instance %+v, want core.st2.webhook with the body", ti)
	}
	list := waitList[execution.Execution](t, s, "/api/v1/executions?rule=apitest.echo_on_webhook", 1)
	e := s.waitExecution(t, list[0].ID)
	if e.Status != execution.StatusSucceeded || e.TriggerInstance == nil || e.TriggerInstance.ID != a.TriggerInstanceID {
		t.Fatalf("got %s from %+v, want succeeded from %s", e.Status, e.TriggerInstance, a.TriggerInstanceID)
	}
	if e.Parameters["token"] != execution.Masked {
		t.Errorf("got token %v, want it masked", e.Parameters["token"])
	}
	checkNoSecret(t, s, "/api/v1/executions/"+e.ID)
	code, out, _ := s.do(t, http.MethodGet, "/api/v1/executions/"+e.ID+"/output", nil)
	if code != http.StatusOK || !strings.Contains(string(out), "hello api") {
		t.Errorf("output: got %d %q, want 200 with the message", code, out)
	}
	enf := waitList[execution.Enforcement](t, s, "/api/v1/ruleenforcements?rule_ref=apitest.echo_on_webhook", 1)
	if enf[0].ExecutionID != e.ID {
		t.Errorf("got enforcement of execution %s, want %s", enf[0].ExecutionID, e.ID)
	}
	traces := waitList[execution.Trace](t, s, "/api/v1/traces", 1)
	var tr execution.Trace
	s.getJSON(t, "/api/v1/traces/"+traces[0].ID, &tr)
	if len(tr.TriggerInstances) == 0 {
		t.Errorf("got trace %+v, want its trigger instance", tr)
	}
}

// checkNoSecret fails when the secret of the test rule shows in path's body.
func checkNoSecret(t *testing.T, s *server, path string) {
	t.Helper()
	_, body, _ := s.do(t, http.MethodGet, path, nil)
	if strings.Contains(string(body), "s3cr3t-token") {
		t.Errorf("GET %s shows the secret: %s", path, body)
	}
}

func TestGenericWebhook(t *testing.T) {
	s := newServer(t)
	tests := []struct {
		name string
		body any
		want int
	}{
		{name: "known trigger", body: map[string]any{"trigger": "core.st2.webhook", "payload": map[string]any{"body": map[string]any{}}}, want: http.StatusAccepted},
		{name: "unknown trigger", body: map[string]any{"trigger": "nope.nothing", "payload": map[string]any{}}, want: http.StatusBadRequest},
		{name: "no trigger", body: map[string]any{"payload": map[string]any{}}, want: http.StatusBadRequest},
		{name: "malformed", body: `{"trigger":`, want: http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body, _ := s.do(t, http.MethodPost, "/api/v1/webhooks/st2", tt.body)
			if code != tt.want {
				t.Errorf("got %d %s, want %d", code, body, tt.want)
			}
		})
	}
}

func TestSignedWebhook(t *testing.T) {
	kv, err := memkv.New()
	if err != nil {
		t.Fatal(err)
	}
	const secret = "gh-hook-s3cret"
	if _, err := kv.Set(t.Context(), api.WebhookSecretKey("apitest/hook"), secret, datastore.SetOptions{Secret: true}); err != nil {
		t.Fatal(err)
	}
	s := newServer(t, api.WithDatastore(kv))
	body := `{"msg": "signed hello"}`
	post := func(header, value, body string) (int, string) {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, s.URL+"/api/v1/webhooks/apitest/hook", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		if header != "" {
			req.Header.Set(header, value)
		}
		resp, err := s.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		out, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(out)
	}
	tests := []struct {
		name, header, value, body string
		want                      int
	}{
		{"unsigned", "", "", body, http.StatusUnauthorized},
		{"wrong secret", api.HeaderGitHubSignature, api.Sign([]byte("guess"), []byte(body)), body, http.StatusForbidden},
		{"signed other body", api.HeaderGitHubSignature, api.Sign([]byte(secret), []byte(`{}`)), body, http.StatusForbidden},
		{"GitHub signature", api.HeaderGitHubSignature, api.Sign([]byte(secret), []byte(body)), body, http.StatusAccepted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out := post(tt.header, tt.value, tt.body)
			if code != tt.want {
				t.Errorf("got %d %s, want %d", code, out, tt.want)
			}
			if strings.Contains(out, secret) {
				t.Errorf("the answer %s shows the secret", out)
			}
		})
	}
	list := waitList[execution.TriggerInstance](t, s, "/api/v1/triggerinstances", 1)
	if len(list) != 1 || !strings.Contains(string(list[0].Payload), "signed hello") {
		t.Errorf("got %d trigger instances, want only the signed one", len(list))
	}
	// The generic webhook has no secret here: it stays open.
	if code, out, _ := s.do(t, http.MethodPost, "/api/v1/webhooks/st2", map[string]any{"trigger": "core.st2.webhook", "payload": map[string]any{}}); code != http.StatusAccepted {
		t.Errorf("generic webhook: got %d %s, want 202", code, out)
	}
}
