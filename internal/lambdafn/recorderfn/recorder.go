// Package recorderfn wires the recorder function: Step Functions
// execution status changes (EventBridge events) to execution records.
package recorderfn

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/enforce"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/dynamostore"
	"github.com/stormless/stormless/internal/lambdafn"
)

// StatusChange is the detail of a "Step Functions Execution Status
// Change" event.
type StatusChange struct {
	ExecutionARN    string  `json:"executionArn"`
	StateMachineARN string  `json:"stateMachineArn"`
	Name            string  `json:"name"`
	Status          string  `json:"status"`
	StartDate       int64   `json:"startDate"`
	StopDate        *int64  `json:"stopDate"`
	Input           *string `json:"input"`
	Output          *string `json:"output"`
	Error           *string `json:"error"`
	Cause           *string `json:"cause"`
}

// Recorder records what Step Functions says of the state machine
// executions that run an execution record: those named after it (direct
// runs of the enforcement machine, workflow machines) and the enforcement
// machine's runs of a rule, found from their input ({rule, event}, with
// enforce.RuleExecutionID). A stop the machine itself could not record
// (aborted, timed out, failed outside its Catch) ends the execution
// record, canceled, timeout or failed. A record already final is left
// alone (the machine's finish step recorded it), and so are executions no
// record belongs to.
type Recorder struct {
	Store execution.Store
}

// maxAttempts bounds the action.retry attempts ruleExecution looks for.
const maxAttempts = 32

// ruleExecution finds the execution a rule's enforcement recorded from the
// enforcement machine's input ({rule, event}): the last attempt's
// (action.retry re-runs within one machine execution). ErrNotFound when
// the input is not an enforcement's (or too large for the event to carry
// it) or nothing was recorded.
func (r *Recorder) ruleExecution(ctx context.Context, d StatusChange) (execution.Execution, error) {
	var in struct {
		Rule  string    `json:"rule"`
		Event bus.Event `json:"event"`
	}
	if d.Input == nil || json.Unmarshal([]byte(*d.Input), &in) != nil || in.Rule == "" {
		return execution.Execution{}, execution.ErrNotFound
	}
	ti, err := in.Event.TriggerInstance()
	if err != nil || ti.ID == "" {
		return execution.Execution{}, execution.ErrNotFound
	}
	var last execution.Execution
	found := false
	for attempt := range maxAttempts {
		x, err := r.Store.GetExecution(ctx, enforce.RuleExecutionID(ti.ID, in.Rule, attempt))
		if errors.Is(err, execution.ErrNotFound) {
			break
		}
		if err != nil {
			return x, err
		}
		last, found = x, true
	}
	if !found {
		return last, execution.ErrNotFound
	}
	return last, nil
}

// statusOf maps a Step Functions execution status to an execution status;
// false for statuses that change nothing (RUNNING, PENDING_REDRIVE).
func statusOf(s string) (execution.Status, bool) {
	switch s {
	case "SUCCEEDED":
		return execution.StatusSucceeded, true
	case "FAILED":
		return execution.StatusFailed, true
	case "TIMED_OUT":
		return execution.StatusTimeout, true
	case "ABORTED":
		return execution.StatusCanceled, true
	}
	return "", false
}

// Handle records one status change event. It returns an error only for a
// malformed event or a store failure, so that EventBridge retries those.
func (r *Recorder) Handle(ctx context.Context, ev events.CloudWatchEvent) error {
	if ev.Source != "aws.states" || ev.DetailType != "Step Functions Execution Status Change" {
		return fmt.Errorf("recording %s/%s event %s: not a Step Functions status change", ev.Source, ev.DetailType, ev.ID)
	}
	var d StatusChange
	if err := json.Unmarshal(ev.Detail, &d); err != nil {
		return fmt.Errorf("decoding status change %s: %w", ev.ID, err)
	}
	to, ok := statusOf(d.Status)
	if !ok || d.Name == "" {
		return nil
	}
	x, err := r.Store.GetExecution(ctx, d.Name)
	if errors.Is(err, execution.ErrNotFound) {
		x, err = r.ruleExecution(ctx, d)
	}
	if errors.Is(err, execution.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("recording status change of %s: %w", d.Name, err)
	}
	at := ev.Time.UTC()
	if d.StopDate != nil {
		at = time.UnixMilli(*d.StopDate).UTC()
	}
	return r.finish(ctx, x, to, d.result(), at)
}

// result is the execution result a status change carries.
func (d StatusChange) result() json.RawMessage {
	if d.Output != nil && json.Valid([]byte(*d.Output)) {
		return json.RawMessage(*d.Output)
	}
	if d.Error == nil && d.Cause == nil {
		return nil
	}
	b, _ := json.Marshal(map[string]string{"error": deref(d.Error), "cause": deref(d.Cause)})
	return b
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// finish moves x to status to along the shortest allowed path, retrying
// from the new status when another writer moved it first.
func (r *Recorder) finish(ctx context.Context, x execution.Execution, to execution.Status, result json.RawMessage, at time.Time) error {
	for range 10 {
		if x.Status.Final() {
			return nil
		}
		path := pathTo(x.Status, to)
		if path == nil {
			path = pathTo(x.Status, execution.StatusFailed)
		}
		var err error
		for i, s := range path {
			c := execution.Change{From: x.Status, To: s, At: at}
			if i == len(path)-1 {
				c.Result = result
			}
			var next execution.Execution
			if next, err = r.Store.TransitionExecution(ctx, x.ID, c); err != nil {
				break
			}
			x = next
		}
		if err == nil {
			return nil
		}
		if !errors.Is(err, execution.ErrConflict) {
			return fmt.Errorf("recording status of %s: %w", x.ID, err)
		}
		if x, err = r.Store.GetExecution(ctx, x.ID); err != nil {
			return fmt.Errorf("recording status of %s: %w", x.ID, err)
		}
	}
	return fmt.Errorf("recording status of %s: too many concurrent changes: %w", x.ID, execution.ErrConflict)
}

// via are the statuses a recorded path may pass through on its way: the
// ordinary progress of a run, and canceling on the way to canceled.
func via(s, to execution.Status) bool {
	return s == execution.StatusScheduled || s == execution.StatusRunning ||
		s == execution.StatusCanceling && to == execution.StatusCanceled
}

// pathTo returns the statuses after from on a shortest path of allowed
// transitions to to through via statuses, nil when there is none.
func pathTo(from, to execution.Status) []execution.Status {
	prev := map[execution.Status]execution.Status{from: ""}
	queue := []execution.Status{from}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		if s == to {
			var path []execution.Status
			for ; s != from; s = prev[s] {
				path = append([]execution.Status{s}, path...)
			}
			return path
		}
		for _, n := range execution.Statuses {
			if _, seen := prev[n]; !seen && execution.CanTransition(s, n) && (n == to || via(n, to)) {
				prev[n] = s
				queue = append(queue, n)
			}
		}
	}
	return nil
}

// New returns the recorder function over the table.
func New(_ context.Context, env lambdafn.Env) (*Recorder, error) {
	if err := env.Require(lambdafn.EnvTable, lambdafn.EnvRegion); err != nil {
		return nil, fmt.Errorf("starting the recorder function: %w", err)
	}
	cfg, err := env.AWS()
	if err != nil {
		return nil, fmt.Errorf("starting the recorder function: %w", err)
	}
	store, err := dynamostore.New(dynamodb.NewFromConfig(cfg), env.Table)
	if err != nil {
		return nil, fmt.Errorf("starting the recorder function: %w", err)
	}
	return &Recorder{Store: store}, nil
}
