package awsapi

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/stormless/stormless/internal/execution"
)

// historyPage bounds GetExecutionHistory's maxResults, as Step Functions.
const (
	defaultHistoryPage = 100
	maxHistoryPage     = 1000
)

type getExecutionHistoryInput struct {
	ExecutionARN         string `json:"executionArn"`
	MaxResults           int    `json:"maxResults"`
	NextToken            string `json:"nextToken"`
	ReverseOrder         bool   `json:"reverseOrder"`
	IncludeExecutionData *bool  `json:"includeExecutionData"`
}

type getExecutionHistoryOutput struct {
	Events    []historyEvent `json:"events"`
	NextToken string         `json:"nextToken,omitempty"`
}

// historyEvent is one Step Functions history event: its type's details
// go under the key Step Functions names ("taskScheduledEventDetails").
type historyEvent struct {
	Timestamp       float64
	Type            string
	ID              int64
	PreviousEventID int64
	detailsKey      string
	details         map[string]any
	at              time.Time
}

// MarshalJSON writes the event with its details under their key.
func (e historyEvent) MarshalJSON() ([]byte, error) {
	m := map[string]any{"timestamp": e.Timestamp, "type": e.Type, "id": e.ID, "previousEventId": e.PreviousEventID}
	if e.detailsKey != "" {
		m[e.detailsKey] = e.details
	}
	return json.Marshal(m)
}

// getExecutionHistory serves AWSStepFunctions.GetExecutionHistory with
// events derived from the execution record and its task executions.
func (h *Handler) getExecutionHistory(ctx context.Context, _ call, body []byte) (any, *Error) {
	var in getExecutionHistoryInput
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	if in.MaxResults < 0 || in.MaxResults > maxHistoryPage {
		return nil, clientError(codeValidation, "1 validation error detected: maxResults %d is outside 0..%d", in.MaxResults, maxHistoryPage)
	}
	_, x, aerr := h.lookup(ctx, "executionArn", in.ExecutionARN)
	if aerr != nil {
		return nil, aerr
	}
	b := historyBuilder{data: in.IncludeExecutionData == nil || *in.IncludeExecutionData, region: h.region}
	if err := b.build(ctx, h.store, x); err != nil {
		return nil, internalError(err)
	}
	events := b.events
	if in.ReverseOrder {
		slices.Reverse(events)
	}
	return page(events, in.MaxResults, in.NextToken)
}

// page returns one page of events after the offset token.
func page(events []historyEvent, size int, token string) (any, *Error) {
	if size == 0 {
		size = defaultHistoryPage
	}
	start := 0
	if token != "" {
		n, err := strconv.Atoi(token)
		if err != nil || n < 0 || n > len(events) {
			return nil, clientError("InvalidToken", "Invalid Token: nextToken %q was not returned by this call", token)
		}
		start = n
	}
	end := min(start+size, len(events))
	out := getExecutionHistoryOutput{Events: events[start:end]}
	if out.Events == nil {
		out.Events = []historyEvent{}
	}
	if end < len(events) {
		out.NextToken = strconv.Itoa(end)
	}
	return out, nil
}

// historyBuilder derives the events of one execution.
type historyBuilder struct {
	data   bool
	region string
	events []historyEvent
}

// build adds the execution's start, each task execution's events and its
// end, ordered by time, and numbers them.
func (b *historyBuilder) build(ctx context.Context, store Store, x execution.Execution) error {
	b.add(x.StartTimestamp, "ExecutionStarted", "executionStartedEventDetails",
		b.withData(map[string]any{"roleArn": "arn:aws:iam::000000000000:role/stormless-local",
			"inputDetails": map[string]any{"truncated": false}}, "input", jsonString(x.Parameters)))
	for _, id := range x.Children {
		c, err := store.GetExecution(ctx, id)
		if err != nil {
			return fmt.Errorf("reading task execution %s: %w", id, err)
		}
		b.task(c)
	}
	if x.Status.Final() {
		b.end(x)
	}
	slices.SortStableFunc(b.events, func(p, q historyEvent) int { return p.at.Compare(q.at) })
	for i := range b.events {
		b.events[i].ID, b.events[i].PreviousEventID = int64(i+1), int64(i)
	}
	return nil
}

// add appends an event of type typ at t.
func (b *historyBuilder) add(t time.Time, typ, key string, details map[string]any) {
	b.events = append(b.events, historyEvent{Timestamp: epoch(t), Type: typ, detailsKey: key, details: details, at: t})
}

// withData sets details[key] = value when execution data is included.
func (b *historyBuilder) withData(details map[string]any, key, value string) map[string]any {
	if b.data {
		details[key] = value
	}
	return details
}

// task adds the events of one task execution: state entered (when its
// task name is known), scheduled (with the task token of an inquiry),
// started, and its outcome.
func (b *historyBuilder) task(c execution.Execution) {
	res := map[string]any{"resourceType": "stormless", "resource": c.Action.Ref}
	name := taskName(c)
	if name != "" {
		b.add(c.StartTimestamp, "TaskStateEntered", "stateEnteredEventDetails",
			b.withData(map[string]any{"name": name, "inputDetails": map[string]any{"truncated": false}}, "input", jsonString(c.Parameters)))
	}
	params := map[string]any{}
	for k, v := range c.Parameters {
		params[k] = v
	}
	if c.Runner.Name == "inquirer" || c.Action.Ref == "core.ask" {
		params["TaskToken"] = c.ID
	}
	b.add(c.StartTimestamp, "TaskScheduled", "taskScheduledEventDetails",
		map[string]any{"resourceType": "stormless", "resource": c.Action.Ref, "region": b.region, "parameters": jsonString(params)})
	if at, ok := logTime(c, execution.StatusRunning); ok {
		b.add(at, "TaskStarted", "taskStartedEventDetails", copyMap(res))
	}
	if !c.Status.Final() {
		return
	}
	end := stopTime(c)
	switch c.Status {
	case execution.StatusSucceeded:
		b.add(end, "TaskSucceeded", "taskSucceededEventDetails",
			b.withData(with(res, "outputDetails", map[string]any{"truncated": false}), "output", string(orNull(c.Result))))
	case execution.StatusTimeout:
		b.add(end, "TaskTimedOut", "taskTimedOutEventDetails", with(with(res, "error", "States.Timeout"), "cause", string(orNull(c.Result))))
	default:
		e, cause := failure(c)
		b.add(end, "TaskFailed", "taskFailedEventDetails", with(with(res, "error", e), "cause", cause))
	}
	if name != "" {
		b.add(end, "TaskStateExited", "stateExitedEventDetails",
			b.withData(map[string]any{"name": name, "outputDetails": map[string]any{"truncated": false}}, "output", string(orNull(c.Result))))
	}
}

// end adds the execution's final event.
func (b *historyBuilder) end(x execution.Execution) {
	t := stopTime(x)
	switch Status(x.Status) {
	case sfnSucceeded:
		b.add(t, "ExecutionSucceeded", "executionSucceededEventDetails",
			b.withData(map[string]any{"outputDetails": map[string]any{"truncated": false}}, "output", string(orNull(x.Result))))
	case sfnAborted:
		b.add(t, "ExecutionAborted", "executionAbortedEventDetails", map[string]any{})
	case sfnTimedOut:
		b.add(t, "ExecutionTimedOut", "executionTimedOutEventDetails", map[string]any{"error": "States.Timeout", "cause": string(orNull(x.Result))})
	default:
		e, cause := failure(x)
		b.add(t, "ExecutionFailed", "executionFailedEventDetails", map[string]any{"error": e, "cause": cause})
	}
}

// taskName is the workflow task name a task execution's context records
// (orquesta.task_name, or chain.name), or "".
func taskName(c execution.Execution) string {
	for key, field := range map[string]string{"orquesta": "task_name", "chain": "name"} {
		var m map[string]any
		if raw, ok := c.Context.Extra[key]; ok && json.Unmarshal(raw, &m) == nil {
			if s, ok := m[field].(string); ok {
				return s
			}
		}
	}
	return ""
}

// logTime is when c first reached status s.
func logTime(c execution.Execution, s execution.Status) (time.Time, bool) {
	for _, l := range c.Log {
		if l.Status == s {
			return l.Timestamp, true
		}
	}
	return time.Time{}, false
}

func copyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m)+2)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// with returns a copy of m with k set to v.
func with(m map[string]any, k string, v any) map[string]any {
	out := copyMap(m)
	out[k] = v
	return out
}
