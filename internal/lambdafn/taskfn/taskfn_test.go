package taskfn

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/enforce"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/sqlitestore"
	"github.com/stormless/stormless/internal/lambdafn"
	"github.com/stormless/stormless/internal/lambdafn/catalog"
	"github.com/stormless/stormless/internal/runner/builtin"
)

// events keeps what the enforcer publishes.
type events struct{ got []bus.Event }

func (e *events) Publish(_ context.Context, evs ...bus.Event) error {
	e.got = append(e.got, evs...)
	return nil
}

type kept map[string]string

func (k kept) Put(_ context.Context, id, token string) error {
	k[id] = token
	return nil
}

func TestRunnerKeepsInquiryTokens(t *testing.T) {
	_, cat, err := catalog.Compile(filepath.Join("..", "..", "..", "packs"), "eu-west-1", "123456789012")
	if err != nil {
		t.Fatal(err)
	}
	store, err := sqlitestore.Open(t.Context(), filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	runners, err := builtin.New()
	if err != nil {
		t.Fatal(err)
	}
	pub := &events{}
	enf, err := enforce.New(cat, store, runners, enforce.WithPublisher(pub))
	if err != nil {
		t.Fatal(err)
	}
	tokens := kept{}
	h := Runner(enf, tokens)

	ask := `{"action":"core.ask","parameters":{"schema":{"type":"object","properties":{"ok":{"type":"boolean"}}}},"task_token":"tok-42"}`
	out, err := h(t.Context(), json.RawMessage(ask))
	if err != nil {
		t.Fatal(err)
	}
	var resp enforce.RunnerResponse
	if err := json.Unmarshal(out, &resp); err != nil {
		t.Fatal(err)
	}
	if resp.Status != "pending" || tokens[resp.ExecutionID] != "tok-42" {
		t.Fatalf("got %+v and tokens %v, want a pending inquiry with its token kept", resp, tokens)
	}
	if len(pub.got) != 1 || pub.got[0].DetailType != "core.st2.generic.inquiry" {
		t.Errorf("got events %+v, want the inquiry trigger", pub.got)
	}
	q, err := store.GetInquiry(t.Context(), resp.ExecutionID)
	if err != nil || q.Status != execution.InquiryPending {
		t.Errorf("inquiry: got %+v, %v; want pending", q, err)
	}

	out, err = h(t.Context(), json.RawMessage(`{"action":"core.noop","parameters":{}}`))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out, &resp); err != nil || resp.Status != "succeeded" || len(tokens) != 1 {
		t.Errorf("noop task: got %s, %v with tokens %v; want succeeded and no token kept", out, err, tokens)
	}
	if _, err := h(t.Context(), json.RawMessage(`{"action":`)); err == nil {
		t.Error("malformed input: got no error")
	}
}

func TestMissingConfiguration(t *testing.T) {
	env := lambdafn.EnvFrom(func(string) string { return "" })
	if _, err := NewEnforcer(t.Context(), env); err == nil {
		t.Error("no environment: got no error")
	}
}
