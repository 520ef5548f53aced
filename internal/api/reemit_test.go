package api_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stormless/stormless/internal/execution"
)

func TestReEmitTriggerInstance(t *testing.T) {
	s := newServer(t)
	code, body, _ := s.do(t, http.MethodPost, "/api/v1/webhooks/apitest/hook", map[string]any{"msg": "again"})
	if code != http.StatusAccepted {
		t.Fatalf("got %d %s, want 202", code, body)
	}
	var acc struct {
		TriggerInstanceID string `json:"trigger_instance_id"`
	}
	json.Unmarshal(body, &acc)
	var orig execution.TriggerInstance
	s.getJSON(t, "/api/v1/triggerinstances/"+acc.TriggerInstanceID, &orig)
	if orig.TriggerParameters["url"] != "apitest/hook" {
		t.Fatalf("got trigger parameters %v, want url apitest/hook", orig.TriggerParameters)
	}
	waitList[execution.Execution](t, s, "/api/v1/executions?action=apitest.secret_echo", 1)

	for _, path := range []string{"re_emit", "re_send"} {
		code, body, _ = s.do(t, http.MethodPost, "/api/v1/triggerinstances/"+orig.ID+"/"+path, nil)
		var res struct {
			Message           string         `json:"message"`
			Payload           map[string]any `json:"payload"`
			TriggerInstanceID string         `json:"trigger_instance_id"`
		}
		if code != http.StatusOK || json.Unmarshal(body, &res) != nil {
			t.Fatalf("%s: got %d %s, want 200", path, code, body)
		}
		ctx, _ := res.Payload["__context"].(map[string]any)
		if ctx["original_id"] != orig.ID || res.TriggerInstanceID == orig.ID || res.TriggerInstanceID == "" {
			t.Errorf("%s: got %s, want a new instance whose __context names %s", path, body, orig.ID)
		}
		var again execution.TriggerInstance
		s.getJSON(t, "/api/v1/triggerinstances/"+res.TriggerInstanceID, &again)
		b, _ := again.Payload.MarshalJSON()
		var p map[string]any
		json.Unmarshal(b, &p)
		if body, _ := p["body"].(map[string]any); body["msg"] != "again" || again.Trigger != "core.st2.webhook" {
			t.Errorf("%s: got instance %+v, want the same payload and trigger", path, again)
		}
	}
	// Both copies fire the rule again: three executions in all.
	waitList[execution.Execution](t, s, "/api/v1/executions?action=apitest.secret_echo", 3)

	code, body, hd := s.do(t, http.MethodPost, "/api/v1/triggerinstances/000000000000000000000000/re_emit", nil)
	if code != http.StatusNotFound {
		t.Errorf("unknown instance: got %d %s, want 404", code, body)
	}
	checkFault(t, code, body, hd)
}
