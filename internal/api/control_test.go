package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/execution"
)

func TestReRun(t *testing.T) {
	s := newServer(t)
	run := func(body any) execution.Execution {
		t.Helper()
		code, out, _ := s.do(t, http.MethodPost, "/api/v1/executions", body)
		if code != http.StatusCreated {
			t.Fatalf("got %d %s, want 201", code, out)
		}
		var e execution.Execution
		if err := json.Unmarshal(out, &e); err != nil {
			t.Fatal(err)
		}
		return s.waitExecution(t, e.ID)
	}
	echo := run(map[string]any{"action": "core.echo", "parameters": map[string]any{"message": "first"}})
	secret := run(map[string]any{"action": "apitest.secret_echo", "parameters": map[string]any{"message": "m", "token": "s3cr3t-token"}})
	defaulted := run(map[string]any{"action": "apitest.secret_default", "parameters": map[string]any{"message": "m"}})
	tests := []struct {
		name   string
		id     string
		body   any
		want   int
		result string
	}{
		{name: "same parameters", id: echo.ID, want: http.StatusCreated, result: "first"},
		{name: "overridden", id: echo.ID, body: map[string]any{"parameters": map[string]any{"message": "second"}}, want: http.StatusCreated, result: "second"},
		{name: "masked secret", id: secret.ID, want: http.StatusBadRequest},
		{name: "masked secret with a default", id: defaulted.ID, body: map[string]any{"parameters": map[string]any{"message": "again"}},
			want: http.StatusCreated, result: "again with the default token"},
		{name: "secret given again", id: secret.ID, body: map[string]any{"parameters": map[string]any{"token": "another"}}, want: http.StatusCreated},
		{name: "unknown execution", id: "000000000000000000000000", want: http.StatusNotFound},
		{name: "malformed", id: echo.ID, body: `{"parameters": `, want: http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, _ := s.do(t, http.MethodPost, "/api/v1/executions/"+tt.id+"/re_run", tt.body)
			if code != tt.want {
				t.Fatalf("got %d %s, want %d", code, out, tt.want)
			}
			if code != http.StatusCreated {
				return
			}
			var e execution.Execution
			json.Unmarshal(out, &e)
			if final := s.waitExecution(t, e.ID); final.Status != execution.StatusSucceeded || !strings.Contains(string(final.Result), tt.result) {
				t.Errorf("got %s %s, want succeeded with %q", final.Status, final.Result, tt.result)
			}
		})
	}
}

func TestPauseResumeAndReRunFromTasks(t *testing.T) {
	s := newServer(t)
	code, out, _ := s.do(t, http.MethodPost, "/api/v1/executions", map[string]any{"action": "core.echo", "parameters": map[string]any{"message": "m"}})
	if code != http.StatusCreated {
		t.Fatalf("got %d %s, want 201", code, out)
	}
	var echo execution.Execution
	if err := json.Unmarshal(out, &echo); err != nil {
		t.Fatal(err)
	}
	s.waitExecution(t, echo.ID)
	const unknown = "/api/v1/executions/000000000000000000000000"
	tests := []struct {
		name   string
		method string
		path   string
		body   any
		want   int
	}{
		{name: "pause unknown", method: http.MethodPut, path: unknown, body: map[string]any{"status": "pausing"}, want: http.StatusNotFound},
		{name: "resume unknown", method: http.MethodPut, path: unknown, body: map[string]any{"status": "resuming"}, want: http.StatusNotFound},
		{name: "pause an action", method: http.MethodPut, path: "/api/v1/executions/" + echo.ID, body: map[string]any{"status": "pausing"}, want: http.StatusConflict},
		{name: "other status", method: http.MethodPut, path: unknown, body: map[string]any{"status": "succeeded"}, want: http.StatusBadRequest},
		{name: "re-run an action from tasks", method: http.MethodPost, path: "/api/v1/executions/" + echo.ID + "/re_run", body: map[string]any{"tasks": []string{"a"}}, want: http.StatusConflict},
		{name: "re-run from tasks with parameters", method: http.MethodPost, path: "/api/v1/executions/" + echo.ID + "/re_run", body: map[string]any{"tasks": []string{"a"}, "parameters": map[string]any{"message": "x"}}, want: http.StatusBadRequest},
		{name: "re-run unknown from tasks", method: http.MethodPost, path: unknown + "/re_run", body: map[string]any{"tasks": []string{"a"}}, want: http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body, hd := s.do(t, tt.method, tt.path, tt.body)
			if code != tt.want {
				t.Errorf("got %d %s, want %d", code, body, tt.want)
			}
			checkFault(t, code, body, hd)
		})
	}
}

func TestPauseAndResumeWorkflow(t *testing.T) {
	s := newServer(t)
	code, out, _ := s.do(t, http.MethodPost, "/api/v1/executions", map[string]any{"action": "apitest.approve"})
	if code != http.StatusCreated {
		t.Fatalf("got %d %s, want 201", code, out)
	}
	var wf execution.Execution
	if err := json.Unmarshal(out, &wf); err != nil {
		t.Fatal(err)
	}
	path := "/api/v1/executions/" + wf.ID
	var got execution.Execution
	for deadline := time.Now().Add(10 * time.Second); got.Status != execution.StatusPaused && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		s.getJSON(t, path, &got) // a pending inquiry pauses its workflow
	}
	for _, step := range []struct {
		status string
		want   execution.Status
	}{{"pausing", execution.StatusPaused}, {"resuming", execution.StatusRunning}} {
		code, out, _ := s.do(t, http.MethodPut, path, map[string]any{"status": step.status})
		if code != http.StatusOK {
			t.Fatalf("got %d %s putting %s, want 200", code, out, step.status)
		}
		var x execution.Execution
		if err := json.Unmarshal(out, &x); err != nil || x.Status != step.want {
			t.Errorf("got %s (%v) putting %s, want %s", x.Status, err, step.status, step.want)
		}
	}
}
