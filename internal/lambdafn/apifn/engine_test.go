package apifn

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/enforce"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/dynamostore"
	"github.com/stormless/stormless/internal/execution/sqlitestore"
	"github.com/stormless/stormless/internal/lambdafn/catalog"
	"github.com/stormless/stormless/internal/lambdafn/restfn"
	"github.com/stormless/stormless/internal/lambdafn/stepfn"
	"github.com/stormless/stormless/internal/runner"
)

// fakeSFN records calls; started runs are recorded in store after a
// while, as the enforcement machine's first step does.
type fakeSFN struct {
	mu      sync.Mutex
	calls   []string
	store   execution.Store
	missing bool
}

func (f *fakeSFN) StartExecution(ctx context.Context, machine, name, input string) error {
	f.mu.Lock()
	f.calls = append(f.calls, "start "+machine+" "+name+" "+input)
	f.mu.Unlock()
	var in struct {
		Action string `json:"action"`
		ID     string `json:"id"`
	}
	if err := json.Unmarshal([]byte(input), &in); err != nil || in.ID != name {
		return fmt.Errorf("input %s does not name the execution %s", input, name)
	}
	go func() {
		time.Sleep(30 * time.Millisecond)
		_ = f.store.CreateExecution(context.WithoutCancel(ctx), execution.Execution{ID: in.ID, Action: execution.Action{Ref: in.Action},
			Status: execution.StatusRequested, StartTimestamp: time.Now().UTC()})
	}()
	return nil
}

func (f *fakeSFN) StopExecution(_ context.Context, arn, errName, cause string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "stop "+arn+" "+errName+" "+cause)
	if f.missing {
		return fmt.Errorf("stopping: %w", stepfn.ErrExecutionDoesNotExist)
	}
	return nil
}

type tokens map[string]string

func (t tokens) Get(_ context.Context, id string) (string, error) {
	if tok, ok := t[id]; ok {
		return tok, nil
	}
	return "", dynamostore.ErrNoTaskToken
}

// sentTasks records SendTask calls (enforce.TaskTokens).
type sentTasks struct {
	mu   sync.Mutex
	sent []string
}

func (s *sentTasks) SendTaskSuccess(token string, output any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, _ := json.Marshal(output)
	s.sent = append(s.sent, token+" "+string(b))
	return nil
}

func (s *sentTasks) SendTaskFailure(token, errName, cause string) error { return nil }

const machine = "arn:aws:states:eu-west-1:123456789012:stateMachine:stormless-enforce"

func newEngine(t *testing.T) (*Engine, *fakeSFN, *sentTasks) {
	t.Helper()
	set, cat, err := catalog.Compile(filepath.Join("..", "..", "..", "packs"), "eu-west-1", "123456789012")
	if err != nil {
		t.Fatal(err)
	}
	store, err := sqlitestore.Open(t.Context(), filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	sent := &sentTasks{}
	enf, err := enforce.New(cat, store, runner.NewRegistry(), enforce.WithTaskTokens(sent))
	if err != nil {
		t.Fatal(err)
	}
	sfn := &fakeSFN{store: store}
	return &Engine{BusEngine: &restfn.BusEngine{Set: set, Store: store}, Enforcer: enf, SFN: sfn, EnforceMachine: machine,
		Tokens: tokens{"q1": "tok-1"}, Region: "eu-west-1", Account: "123456789012", AwaitRecorded: 5 * time.Second}, sfn, sent
}

func TestSubmit(t *testing.T) {
	eng, sfn, _ := newEngine(t)
	id, err := eng.Submit(t.Context(), "core.local", map[string]any{"cmd": "date"}, "alice")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := eng.Store.GetExecution(t.Context(), id); err != nil {
		t.Errorf("Submit returned before the execution was recorded: %v", err)
	}
	want := "start " + machine + " " + id + ` {"action":"core.local","id":"` + id + `","parameters":{"cmd":"date"},"user":"alice"}`
	if len(sfn.calls) != 1 || sfn.calls[0] != want {
		t.Errorf("got calls %q, want %q", sfn.calls, want)
	}
}

func TestCancel(t *testing.T) {
	for _, missing := range []bool{false, true} {
		t.Run(fmt.Sprint("no state machine execution ", missing), func(t *testing.T) {
			eng, sfn, _ := newEngine(t)
			sfn.missing = missing
			at := time.Now().UTC().Truncate(time.Microsecond)
			if err := eng.Store.CreateExecution(t.Context(), execution.Execution{ID: "x1", Action: execution.Action{Ref: "core.local"},
				Runner: execution.Runner{Name: "local-shell-cmd"}, Status: execution.StatusRequested, StartTimestamp: at}); err != nil {
				t.Fatal(err)
			}
			x, err := eng.Cancel(t.Context(), "x1", "alice")
			if err != nil {
				t.Fatal(err)
			}
			want := execution.StatusCanceling
			if missing {
				want = execution.StatusCanceled
			}
			if x.Status != want {
				t.Errorf("got %s, want %s", x.Status, want)
			}
			if len(sfn.calls) != 1 || !strings.HasPrefix(sfn.calls[0], "stop arn:aws:states:eu-west-1:123456789012:execution:stormless-enforce:x1 StackStorm.Canceled") {
				t.Errorf("got calls %q, want the enforcement machine's execution x1 stopped", sfn.calls)
			}
			if _, err := eng.Cancel(t.Context(), "nope", "alice"); !errors.Is(err, execution.ErrNotFound) {
				t.Errorf("unknown execution: got %v, want ErrNotFound", err)
			}
		})
	}
}

func TestRespondResumesTheWorkflow(t *testing.T) {
	eng, _, sent := newEngine(t)
	ctx := t.Context()
	at := time.Now().UTC().Truncate(time.Microsecond)
	x := execution.Execution{ID: "q1", Action: execution.Action{Ref: "core.ask"}, Status: execution.StatusPending, StartTimestamp: at,
		Log: []execution.LogEntry{{Timestamp: at, Status: "requested"}, {Timestamp: at, Status: "scheduled"}, {Timestamp: at, Status: "running"}, {Timestamp: at, Status: "pending"}}}
	if err := eng.Store.CreateExecution(ctx, x); err != nil {
		t.Fatal(err)
	}
	q := execution.Inquiry{ID: "q1", Schema: json.RawMessage(`{"type":"object","properties":{"approve":{"type":"boolean","required":true}}}`),
		Roles: []string{}, Users: []string{}, Status: execution.InquiryPending, CreatedAt: at}
	if err := eng.Store.CreateInquiry(ctx, q); err != nil {
		t.Fatal(err)
	}
	if _, err := eng.Respond(ctx, "q1", map[string]any{"approve": "yes"}, "alice"); !errors.Is(err, enforce.ErrInvalidResponse) {
		t.Errorf("answer against the schema: got %v, want ErrInvalidResponse", err)
	}
	if _, err := eng.Respond(ctx, "q1", map[string]any{"approve": true}, "alice"); err != nil {
		t.Fatal(err)
	}
	if len(sent.sent) != 1 || !strings.HasPrefix(sent.sent[0], "tok-1 ") || !strings.Contains(sent.sent[0], `"approve":true`) {
		t.Errorf("got task calls %q, want tok-1 completed with the response", sent.sent)
	}
	got, err := eng.Store.GetExecution(ctx, "q1")
	if err != nil || got.Status != execution.StatusSucceeded {
		t.Errorf("inquiry execution: got %s, %v; want succeeded", got.Status, err)
	}
}
