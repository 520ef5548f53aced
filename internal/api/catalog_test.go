package api_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestCatalog(t *testing.T) {
	s := newServer(t)
	tests := []struct {
		name     string
		path     string
		contains []string
	}{
		{name: "health", path: "/api/v1/health", contains: []string{`"status":"ok"`}},
		{name: "actions", path: "/api/v1/actions", contains: []string{`"ref":"core.noop"`, `"ref":"apitest.secret_echo"`}},
		{name: "actions of a pack", path: "/api/v1/actions?pack=apitest", contains: []string{`"uid":"action:apitest:approve"`}},
		{name: "action", path: "/api/v1/actions/core.echo", contains: []string{`"runner_type":"local-shell-cmd"`, `"message"`}},
		{name: "rules", path: "/api/v1/rules", contains: []string{`"ref":"examples.greet_on_webhook"`}},
		{name: "rule", path: "/api/v1/rules/apitest.echo_on_webhook",
			contains: []string{`"event_pattern":{`, `"detail-type":["core.st2.webhook"]`, `"criteria":{"trigger.body.msg"`, `"residual":[`}},
		{name: "triggertypes", path: "/api/v1/triggertypes", contains: []string{`"ref":"core.st2.webhook"`, `"ref":"core.st2.CronTimer"`}},
		{name: "triggertype", path: "/api/v1/triggertypes/core.st2.webhook", contains: []string{`"parameters_schema"`}},
		{name: "packs", path: "/api/v1/packs", contains: []string{`"ref":"core"`, `"ref":"apitest"`}},
		{name: "pack", path: "/api/v1/packs/examples", contains: []string{`"uid":"pack:examples"`}},
		{name: "no inquiries", path: "/api/v1/inquiries", contains: []string{`[]`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body, _ := s.do(t, http.MethodGet, tt.path, nil)
			if code != http.StatusOK {
				t.Fatalf("got %d %s, want 200", code, body)
			}
			for _, want := range tt.contains {
				if !strings.Contains(string(body), want) {
					t.Errorf("got %s, want it to contain %s", body, want)
				}
			}
		})
	}
}
