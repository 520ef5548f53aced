package enforce

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/stormless/stormless/internal/execution/sqlitestore"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/runner"
	"github.com/stormless/stormless/internal/workflow"
)

// twinEnforcer is an enforcer as the local engine builds it (trigger
// instances recorded by the bus, not by the enforce step).
func twinEnforcer(t testing.TB) *Enforcer {
	t.Helper()
	set, err := pack.Load(filepath.Join("..", "..", "packs", "core"), filepath.Join("testdata", "packs"))
	if err != nil {
		t.Fatalf("loading packs: %v", err)
	}
	c, err := NewCatalog(set, nil, workflow.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := sqlitestore.Open(t.Context(), filepath.Join(t.TempDir(), "e.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	reg := runner.NewRegistry()
	reg.Register("noop", runner.Noop)
	e, err := New(c, s, reg, WithPublisher(&recorder{}))
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// withoutTimes drops the timestamps two runs cannot share and masks ids
// (fresh ones differ between the twins).
func withoutTimes(v any) any {
	switch x := v.(type) {
	case string:
		if isObjectID(x) {
			return "<id>"
		}
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if k != "start_timestamp" {
				out[k] = withoutTimes(e)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = withoutTimes(e)
		}
		return out
	}
	return v
}

// FuzzHandleValue checks HandleValue and RunnerValue against Handle and
// Runner on twin enforcers: the same output (timestamps aside) or both an
// error, for any JSON input; HandleValue leaves its input as it was. The
// seeds run as a unit test: enforce, run
// and finish of a webhook rule, a direct run, bad shapes.
func FuzzHandleValue(f *testing.F) {
	ev, err := json.Marshal(webhookEvent(&testing.T{}, map[string]any{"name": "Ada", "token": "s3cret"}))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(`{"step": "enforce", "rule": "e.regex", "event": ` + string(ev) + `}`)
	f.Add(`{"step": "enforce", "rule": "e.regex", "event": ` + string(ev) + `, "retry_count": 1}`)
	f.Add(`{"step": "enforce", "rule": "e.regex", "event": {"detail": {"trigger": {"type": "x"}, "id": "a", "payload": 1}, "source": "stormless.x", "time": "yesterday"}}`)
	f.Add(`{"step": "enforce", "rule": "e.regex"}`)
	f.Add(`{"step": "enforce", "rule": "e.regex", "event": ` + string(ev) + `, "settle": true}`)
	f.Add(`{"step": "enforce", "rule": "e.regex", "event": ` + string(ev) + `, "settle": "yes"}`)
	f.Add(`{"step": "finish", "execution": {"id": "x", "start_timestamp": "2026-01-01T00:00:00Z", "settle": "t"}, "outcome": {"status": "failed", "result": null}}`)
	f.Add(`{"step": "enforce", "action": "e.secretive", "parameters": {"who": 1}}`)
	f.Add(`{"step": "enforce", "action": "e.secretive", "parameters": {"who": "a"}, "id": "5f0000000000000000000001", "retry_count": 1.5}`)
	f.Add(`{"step": "finish", "execution": {"id": "x", "action": "core.noop"}, "error": {"Error": "E", "Cause": "{\"Cause\": \"{}\"}"}}`)
	f.Add(`{"step": "finish", "execution": {"id": "x", "start_timestamp": "2026-01-01T00:00:00Z"}, "outcome": {"status": "succeeded", "result": [1]}}`)
	f.Add(`{"step": "finish", "execution": "x"}`)
	f.Add(`{"action": "e.secretive", "parameters": {"who": "a"}, "context": {"parent": {"execution_id": "arn:x:y"}}}`)
	f.Add(`{"action": "core.noop", "parameters": null, "task_token": 3}`)
	f.Add(`[1, 2]`)
	a, b := twinEnforcer(f), twinEnforcer(f)
	f.Fuzz(func(t *testing.T, in string) {
		var v any
		if json.Unmarshal([]byte(in), &v) != nil {
			return
		}
		for _, fn := range []struct {
			name  string
			value func() (any, error)
			json  func() (json.RawMessage, error)
		}{
			{"enforcer", func() (any, error) { return a.HandleValue(t.Context(), v) }, func() (json.RawMessage, error) { return b.Handle(t.Context(), json.RawMessage(in)) }},
			{"runner", func() (any, error) { return a.RunnerValue(t.Context(), v) }, func() (json.RawMessage, error) { return b.Runner(t.Context(), json.RawMessage(in)) }},
		} {
			got, gotErr := fn.value()
			var before any
			_ = json.Unmarshal([]byte(in), &before)
			if fn.name == "enforcer" && !reflect.DeepEqual(v, before) {
				t.Fatalf("enforcer(%s) modified its input: %v", in, v)
			}
			raw, wantErr := fn.json()
			if (gotErr == nil) != (wantErr == nil) {
				t.Fatalf("%s(%s): got error %v, want %v", fn.name, in, gotErr, wantErr)
			}
			if wantErr != nil {
				continue
			}
			var want any
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(withoutTimes(got), withoutTimes(want)) {
				t.Fatalf("%s(%s):\ngot  %#v\nwant %#v", fn.name, in, got, want)
			}
		}
	})
}
