package eventbridge

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/stormless/stormless/internal/awsjson"
	"github.com/stormless/stormless/internal/bus"
)

// API is the call the publisher makes, in EventBridge's JSON shapes.
// JSONAPI implements it; tests fake it.
type API interface {
	PutEvents(ctx context.Context, in *PutEventsInput) (*PutEventsOutput, error)
}

// PutEventsInput is PutEvents' request.
type PutEventsInput struct {
	Entries []Entry
}

// Entry is one PutEvents request entry.
type Entry struct {
	Source     string
	DetailType string
	Detail     string
	// Time is in epoch seconds, 0 for none (EventBridge then uses the
	// time of the call).
	Time         int64    `json:",omitempty"`
	Resources    []string `json:",omitempty"`
	EventBusName string   `json:",omitempty"`
}

// PutEventsOutput is PutEvents' answer.
type PutEventsOutput struct {
	FailedEntryCount int
	Entries          []ResultEntry
}

// ResultEntry is the outcome of one entry: an event id, or an error code
// and message.
type ResultEntry struct {
	EventId      string `json:",omitempty"` //nolint:revive // EventBridge's member name
	ErrorCode    string `json:",omitempty"`
	ErrorMessage string `json:",omitempty"`
}

// JSONAPI is API over EventBridge's JSON protocol (awsjson, service
// awsjson.EventBridge), so the functions link no EventBridge SDK client.
type JSONAPI struct{ Client *awsjson.Client }

var _ API = JSONAPI{}

// PutEvents calls PutEvents.
func (j JSONAPI) PutEvents(ctx context.Context, in *PutEventsInput) (*PutEventsOutput, error) {
	var out PutEventsOutput
	if err := j.Client.Call(ctx, "PutEvents", in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// PutEvents' limits.
const (
	MaxEntries      = 10
	MaxRequestBytes = 256 * 1024
)

// Publisher publishes events to one event bus with PutEvents.
type Publisher struct {
	api         API
	busName     string
	maxAttempts int
	baseDelay   time.Duration
	maxDelay    time.Duration
	sleep       func(context.Context, time.Duration) error
}

var _ bus.Publisher = (*Publisher)(nil)

// Option configures a Publisher.
type Option func(*Publisher) error

// WithBusName sets the event bus entries go to (name or ARN); the
// default is the account's default bus.
func WithBusName(name string) Option {
	return func(p *Publisher) error {
		p.busName = name
		return nil
	}
}

// WithMaxAttempts sets how many PutEvents calls an entry gets before its
// transient failure is reported (default 5).
func WithMaxAttempts(n int) Option {
	return func(p *Publisher) error {
		if n < 1 {
			return fmt.Errorf("max attempts %d: want at least 1", n)
		}
		p.maxAttempts = n
		return nil
	}
}

// WithBackoff sets the delay before the first retry (doubled each time,
// with full jitter) and its cap; defaults 50 ms and 2 s.
func WithBackoff(base, limit time.Duration) Option {
	return func(p *Publisher) error {
		if base <= 0 || limit < base {
			return fmt.Errorf("backoff %v..%v: want 0 < base <= limit", base, limit)
		}
		p.baseDelay, p.maxDelay = base, limit
		return nil
	}
}

// withSleep replaces the wait between retries (tests).
func withSleep(f func(context.Context, time.Duration) error) Option {
	return func(p *Publisher) error {
		p.sleep = f
		return nil
	}
}

// New returns a Publisher calling api.
func New(api API, opts ...Option) (*Publisher, error) {
	if api == nil {
		return nil, errors.New("creating eventbridge publisher: nil client")
	}
	p := &Publisher{api: api, maxAttempts: 5, baseDelay: 50 * time.Millisecond, maxDelay: 2 * time.Second, sleep: sleep}
	for _, o := range opts {
		if err := o(p); err != nil {
			return nil, fmt.Errorf("creating eventbridge publisher: %w", err)
		}
	}
	return p, nil
}

// EntryError is EventBridge's refusal of one entry.
type EntryError struct {
	Code, Message string
}

// Error returns the code and message.
func (e *EntryError) Error() string {
	return fmt.Sprintf("eventbridge refused the entry: %s: %s", e.Code, e.Message)
}

// Retryable reports whether the code is a transient failure worth
// sending again.
func (e *EntryError) Retryable() bool {
	switch e.Code {
	case "ThrottlingException", "InternalException", "InternalFailure", "ServiceUnavailable", "ServiceUnavailableException", "LimitExceededException":
		return true
	}
	return false
}

// Publish sends events; see the package documentation.
func (p *Publisher) Publish(ctx context.Context, events ...bus.Event) error {
	var res bus.Results
	pending := make([]int, 0, len(events))
	for i, e := range events {
		if err := e.Validate(); err != nil {
			res.Fail(i, e.ID, err)
			continue
		}
		pending = append(pending, i)
	}
	for attempt := 0; len(pending) > 0; attempt++ {
		if attempt > 0 {
			if err := p.sleep(ctx, p.delay(attempt)); err != nil {
				res.FailAll(events, pending, err)
				break
			}
		}
		last := attempt+1 >= p.maxAttempts
		var retry []int
		for _, batch := range batches(events, pending) {
			retry = append(retry, p.send(ctx, events, batch, last, &res)...)
		}
		pending = retry
	}
	return res.Err(len(events))
}

// delay returns the jittered wait before retry attempt (1-based).
func (p *Publisher) delay(attempt int) time.Duration {
	d := min(p.baseDelay<<min(attempt-1, 20), p.maxDelay)
	return d/2 + rand.N(d/2+1)
}

// send makes one PutEvents call for the entries at indexes and returns
// those to retry; failures it gives up on go to res.
func (p *Publisher) send(ctx context.Context, events []bus.Event, indexes []int, last bool, res *bus.Results) []int {
	entries := make([]Entry, len(indexes))
	for j, i := range indexes {
		entries[j] = p.entry(events[i])
	}
	out, err := p.api.PutEvents(ctx, &PutEventsInput{Entries: entries})
	if err != nil {
		res.FailAll(events, indexes, fmt.Errorf("calling PutEvents: %w", err))
		return nil
	}
	if out.FailedEntryCount == 0 {
		return nil
	}
	if len(out.Entries) != len(indexes) {
		res.FailAll(events, indexes, fmt.Errorf("calling PutEvents: %d results for %d entries", len(out.Entries), len(indexes)))
		return nil
	}
	var retry []int
	for j, r := range out.Entries {
		if r.ErrorCode == "" {
			continue
		}
		i := indexes[j]
		ee := &EntryError{Code: r.ErrorCode, Message: r.ErrorMessage}
		if ee.Retryable() && !last {
			retry = append(retry, i)
			continue
		}
		res.Fail(i, events[i].ID, ee)
	}
	return retry
}

// entry converts e to a PutEvents entry.
func (p *Publisher) entry(e bus.Event) Entry {
	en := Entry{Source: e.Source, DetailType: e.DetailType, Detail: string(e.Detail), Resources: e.Resources, EventBusName: p.busName}
	if !e.Time.IsZero() {
		en.Time = e.Time.Unix()
	}
	return en
}

// batches splits indexes into PutEvents calls of at most MaxEntries
// entries and MaxRequestBytes, in order.
func batches(events []bus.Event, indexes []int) [][]int {
	var out [][]int
	var cur []int
	size := 0
	for _, i := range indexes {
		n := events[i].Size()
		if len(cur) == MaxEntries || len(cur) > 0 && size+n > MaxRequestBytes {
			out = append(out, cur)
			cur, size = nil, 0
		}
		cur = append(cur, i)
		size += n
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
