package bus

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/envelope"
)

// referenceEvent is NewEvent as it was built before newTriggerEvent: the
// map envelope.New returns, filled in, encoded and decoded.
func referenceEvent(t testing.TB, triggerType string, params map[string]any, payload any, o eventOptions, eventID string) (Event, error) {
	t.Helper()
	env := envelope.New(triggerType, params, payload)
	d := env["detail"].(map[string]any)
	d["id"] = o.instanceID()
	if o.traceTag != "" {
		d["trace_tag"] = o.traceTag
	}
	env["id"], env["time"] = eventID, o.time.UTC().Format(time.RFC3339)
	env["region"], env["account"] = o.region, o.account
	e, err := decodeEnvelope(env)
	if err != nil {
		return Event{}, err
	}
	return e, e.Validate()
}

// checkSame builds the event both ways and compares them.
func checkSame(t *testing.T, params map[string]any, payload any, o eventOptions) {
	t.Helper()
	got, gotErr := newTriggerEvent("core.st2.webhook", params, payload, o)
	want, wantErr := referenceEvent(t, "core.st2.webhook", params, payload, o, got.ID)
	if (gotErr != nil) != (wantErr != nil) {
		t.Fatalf("got error %v, want %v", gotErr, wantErr)
	}
	if gotErr != nil {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v\ndetail %s\nwant   %s", got, want, got.Detail, want.Detail)
	}
}

func TestNewTriggerEventMatchesEnvelope(t *testing.T) {
	at := time.Date(2026, 11, 28, 1, 2, 3, 456789, time.FixedZone("X", 3600))
	base := eventOptions{time: at, region: LocalRegion, account: LocalAccount, id: "5f0000000000000000000001"}
	traced := base
	traced.traceTag = "tag <&>"
	tests := []struct {
		name    string
		params  map[string]any
		payload any
		o       eventOptions
	}{
		{name: "webhook", params: map[string]any{"url": "sample"},
			payload: map[string]any{"headers": map[string]any{"A": "b"}, "body": map[string]any{"name": "Ada", "n": 1.5}}, o: base},
		{name: "no parameters", payload: map[string]any{}, o: base},
		{name: "null payload", params: map[string]any{"url": "x"}, o: base},
		{name: "raw payload", payload: json.RawMessage(`{ "a" : [1, 2,  {"b": null}] }`), o: base},
		{name: "html and unicode", payload: map[string]any{"s": "<b>&é\u2028"}, o: traced},
		{name: "nested parameters", params: map[string]any{"unit": "seconds", "delta": 1, "x": []any{"a", map[string]any{"z": true}}}, payload: "text", o: base},
		{name: "not encodable", payload: map[string]any{"c": make(chan int)}, o: base},
		{name: "invalid raw", payload: json.RawMessage(`{`), o: base},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkSame(t, tt.params, tt.payload, tt.o) })
	}
}

func FuzzNewTriggerEvent(f *testing.F) {
	f.Add(`{"headers": {}, "body": {"name": "Ada"}}`, `{"url": "sample"}`, "")
	f.Add(`[1, "two", null, {"x": 3e400}]`, `{}`, "tag")
	f.Add(`"<script>"`, `{"delta": 5, "unit": "minutes"}`, "")
	f.Fuzz(func(t *testing.T, payload, params, tag string) {
		var p any
		var ps map[string]any
		if json.Unmarshal([]byte(payload), &p) != nil || json.Unmarshal([]byte(params), &ps) != nil {
			return
		}
		o := eventOptions{time: time.Unix(1_800_000_000, 5), region: LocalRegion, account: LocalAccount, id: "5f0000000000000000000001", traceTag: tag}
		checkSame(t, ps, p, o)
	})
}
