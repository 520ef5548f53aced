package interp

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/asl"
)

func TestTransitionBudget(t *testing.T) {
	in := newTestInterp(t, WithMaxTransitions(100))
	res, _ := run(t, in, `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"C"},
		"C":{"Type":"Choice","Choices":[{"Variable":"$.stop","IsPresent":true,"Next":"D"}],"Default":"A"},"D":{"Type":"Succeed"}}}`, `{}`)
	if res.Error != ErrRuntime || !strings.Contains(res.Cause, "transition budget of 100") {
		t.Fatalf("got %+v, want a transition budget failure", res)
	}
}

func TestNestingDepthLimit(t *testing.T) {
	in := newTestInterp(t, WithMaxDepth(3))
	inner := `{"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}}`
	for i := 0; i < 4; i++ {
		inner = `{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[` + inner + `]}}}`
	}
	res, _ := run(t, in, inner, `{}`)
	if res.Error != ErrRuntime || !strings.Contains(res.Cause, "nesting depth") {
		t.Fatalf("got %+v, want a nesting depth failure", res)
	}
}

func TestStopExecution(t *testing.T) {
	in, err := New(WithClock(RealClock{}))
	if err != nil {
		t.Fatal(err)
	}
	m := loadDef(t, in, `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}`)
	e, err := in.Start(t.Context(), m, map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	e.Stop("Cancelled", "by test")
	res, err := e.Wait(t.Context())
	if err != nil || res.Status != StatusAborted || res.Error != "Cancelled" {
		t.Fatalf("got %+v %v, want ABORTED", res, err)
	}
	if h := historyTypes(e); !strings.HasSuffix(h, "ExecutionAborted") {
		t.Fatalf("got %s, want ExecutionAborted last", h)
	}
}

func TestExecutionTimeout(t *testing.T) {
	res, _ := run(t, newTestInterp(t), `{"TimeoutSeconds":10,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}`, `{}`)
	if res.Status != StatusTimedOut {
		t.Fatalf("got %+v, want TIMED_OUT", res)
	}
}

func TestCheckpointResume(t *testing.T) {
	in := newTestInterp(t)
	m := loadDef(t, in, checkpointDef)
	in.Registry().HandleFunc("arn:aws:states:::sqs:sendMessage", func(ctx context.Context, req *TaskRequest) (any, error) {
		return map[string]any{}, nil
	})
	e, err := in.Start(t.Context(), m, map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	var cp *Checkpoint
	for cp == nil || cp.State != "W" {
		time.Sleep(time.Millisecond)
		if cp, err = e.Checkpoint(); err != nil {
			t.Fatal(err)
		}
	}
	e.Stop("Checkpointed", "")
	<-e.Done()
	data, err := json.Marshal(cp)
	if err != nil {
		t.Fatal(err)
	}
	var restored Checkpoint
	if err := json.Unmarshal(data, &restored); err != nil {
		t.Fatal(err)
	}
	in2 := newTestInterp(t)
	m2 := loadDef(t, in2, checkpointDef)
	in2.Registry().HandleFunc("arn:aws:states:::sqs:sendMessage", func(ctx context.Context, req *TaskRequest) (any, error) {
		go func() {
			for in2.SendTaskSuccess(req.TaskToken, "done") != nil {
				time.Sleep(time.Millisecond)
			}
		}()
		return map[string]any{}, nil
	})
	e2, err := in2.Resume(t.Context(), m2, &restored)
	if err != nil {
		t.Fatal(err)
	}
	res, err := e2.Wait(t.Context())
	if err != nil || encode(res.Output) != `{"a":1,"r":"done","v":"x"}` {
		t.Fatalf("got %+v %v", res, err)
	}
	if len(e2.History()) <= len(e.History())-1 {
		t.Fatalf("got %d events after resume, want the restored history extended", len(e2.History()))
	}
}

const checkpointDef = `{"StartAt":"A","States":{
	"A":{"Type":"Pass","Result":1,"ResultPath":"$.a","Assign":{"v":"x"},"Next":"W"},
	"W":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","ResultPath":"$.r","Next":"B"},
	"B":{"Type":"Pass","Parameters":{"a.$":"$.a","v.$":"$v","r.$":"$.r"},"End":true}}}`

func TestInvalidDefinition(t *testing.T) {
	in := newTestInterp(t)
	_, err := in.Load("bad", []byte(`{"StartAt":"A","States":{"A":{"Type":"Pass"}}}`))
	var ve *asl.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("got %v, want *asl.ValidationError", err)
	}
}

// TestMapHistoryLinks checks event ids and previousEventId of an inline Map
// against the shape AWS records (test_map_state in the LocalStack corpus).
func TestMapHistoryLinks(t *testing.T) {
	_, e := run(t, newTestInterp(t), `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,
		"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}`, `[1,2]`)
	var got []string
	for _, ev := range e.History() {
		got = append(got, itoa(int(ev.ID))+"<"+itoa(int(ev.PreviousEventID))+" "+ev.Type)
	}
	want := []string{"1<0 ExecutionStarted", "2<0 MapStateEntered", "3<2 MapStateStarted",
		"4<3 MapIterationStarted", "5<4 PassStateEntered", "6<5 PassStateExited", "7<6 MapIterationSucceeded",
		"8<6 MapIterationStarted", "9<8 PassStateEntered", "10<9 PassStateExited", "11<10 MapIterationSucceeded",
		"12<11 MapStateSucceeded", "13<11 MapStateExited", "14<13 ExecutionSucceeded"}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Fatalf("got  %s\nwant %s", strings.Join(got, ", "), strings.Join(want, ", "))
	}
}

// TestSequentialMapEventIDs checks that errors inside a MaxConcurrency 1
// Map name the absolute id of the state's entered event.
func TestSequentialMapEventIDs(t *testing.T) {
	res, e := run(t, newTestInterp(t), `{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,"End":true,
		"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.x","End":true}}}}}}`, `[{"x":1},{}]`)
	// 1 started, 2 map entered, 3 map started, 4-7 iteration 0, 8 iteration 1 started, 9 P entered.
	if !strings.Contains(res.Cause, "(entered at the event id #9)") {
		t.Fatalf("got %q, want the cause to name event #9", res.Cause)
	}
	if h := e.History(); h[8].Type != "PassStateEntered" || h[8].ID != 9 {
		t.Fatalf("got event 9 %s, want PassStateEntered", h[8].Type)
	}
}

// TestParallelHistoryLinks checks a caught Parallel failure against the
// history AWS records (test_parallel_state_catch in the LocalStack corpus),
// and that every branch's first event follows ParallelStateStarted.
func TestParallelHistoryLinks(t *testing.T) {
	_, e := run(t, newTestInterp(t), `{"StartAt":"P","States":{"P":{"Type":"Parallel","Next":"H",
		"Catch":[{"ErrorEquals":["States.ALL"],"Next":"H"}],
		"Branches":[{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E"}}}]},"H":{"Type":"Pass","End":true}}}`, `{}`)
	want := "1<0 ExecutionStarted, 2<0 ParallelStateEntered, 3<2 ParallelStateStarted, 4<3 FailStateEntered, " +
		"5<4 ParallelStateFailed, 6<5 ParallelStateExited, 7<6 PassStateEntered, 8<7 PassStateExited, 9<8 ExecutionSucceeded"
	if got := links(e); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	_, e = run(t, newTestInterp(t), `{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
		{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}]}}}`, `{}`)
	want = "1<0 ExecutionStarted, 2<0 ParallelStateEntered, 3<2 ParallelStateStarted, 4<3 PassStateEntered, 5<4 PassStateExited, " +
		"6<3 PassStateEntered, 7<6 PassStateExited, 8<7 ParallelStateSucceeded, 9<7 ParallelStateExited, 10<9 ExecutionSucceeded"
	if got := links(e); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func links(e *Execution) string {
	var out []string
	for _, ev := range e.History() {
		out = append(out, itoa(int(ev.ID))+"<"+itoa(int(ev.PreviousEventID))+" "+ev.Type)
	}
	return strings.Join(out, ", ")
}
