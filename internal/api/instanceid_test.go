package api

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/bus"
)

func TestTriggerInstanceID(t *testing.T) {
	ev, err := bus.NewEvent("core.st2.webhook", map[string]any{"url": "x"}, map[string]any{"body": map[string]any{"id": "not-this"}})
	if err != nil {
		t.Fatal(err)
	}
	d, _ := ev.TriggerDetail()
	tests := []struct {
		name   string
		detail string
		want   string
		fails  bool
	}{
		{name: "built by NewEvent", detail: string(ev.Detail), want: d.ID},
		{name: "id after the payload", detail: `{"payload": {"id": "inner", "a": [1, {"id": 2}]}, "trigger": {"type": "t"}, "id": "outer"}`, want: "outer"},
		{name: "leading id", detail: `{"id":"abc","payload":{"id":"x"}}`, want: "abc"},
		{name: "leading id with an escape", detail: `{"id":"a\"b","payload":{}}`, want: `a"b`},
		{name: "leading empty id", detail: `{"id":"","payload":{}}`, fails: true},
		{name: "no id", detail: `{"payload": {"id": "inner"}}`, fails: true},
		{name: "id not a string", detail: `{"id": 5}`, fails: true},
		{name: "empty id", detail: `{"id": ""}`, fails: true},
		{name: "not an object", detail: `[1]`, fails: true},
		{name: "malformed", detail: `{"payload": {`, fails: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := triggerInstanceID(bus.Event{ID: "e", Detail: json.RawMessage(tt.detail)})
			if (err != nil) != tt.fails || got != tt.want {
				t.Errorf("got %q, %v; want %q, fails %v", got, err, tt.want, tt.fails)
			}
		})
	}
}

func TestJSONBodyKeepsNumbersExact(t *testing.T) {
	raw, err := jsonBody([]byte(`{"big": 12345678901234567890, "f": 1.50}`))
	if err != nil || string(raw) != `{"big": 12345678901234567890, "f": 1.50}` {
		t.Errorf("got %s, %v; want the body as it is", raw, err)
	}
	for _, bad := range []string{`{"a": `, `{} {}`, `nope`} {
		if _, err := jsonBody([]byte(bad)); err == nil {
			t.Errorf("%s: got no error, want malformed JSON", bad)
		}
	}
}

func FuzzTriggerInstanceID(f *testing.F) {
	f.Add(`{"id": "x", "payload": {}}`)
	f.Add(`{"payload": {"id": [1, {"id": "inner"}]}, "id": "outer"}`)
	f.Add(`{"id": 1}`)
	f.Add(`[{"id": "x"}]`)
	f.Fuzz(func(t *testing.T, detail string) {
		got, err := triggerInstanceID(bus.Event{ID: "e", Detail: json.RawMessage(detail)})
		var want struct {
			ID string `json:"id"`
		}
		decoded := json.Unmarshal([]byte(detail), &want) == nil && want.ID != ""
		if err == nil && !json.Valid([]byte(detail)) && !strings.HasPrefix(strings.TrimSpace(detail), "{") {
			t.Fatalf("got id %q from %q, which is not an object", got, detail)
		}
		// With one "id" key in the text, both readings agree.
		if err == nil && decoded && strings.Count(detail, `"id"`) == 1 && got != want.ID {
			t.Fatalf("got %q, want %q for %q", got, want.ID, detail)
		}
	})
}
