package local

import (
	"context"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/execution"
)

// feedStore is the store the engine writes through: each write that
// succeeds is told to the feed. Reads go straight to the store.
type feedStore struct {
	execution.Store
	feed *feed
}

var _ execution.Store = feedStore{}

// CreateExecution implements execution.Executions.
func (s feedStore) CreateExecution(ctx context.Context, x execution.Execution) error {
	err := s.Store.CreateExecution(ctx, x)
	if err == nil {
		s.feed.add(note{isExec: true, created: &x})
	}
	return err
}

// TransitionExecution implements execution.Executions.
func (s feedStore) TransitionExecution(ctx context.Context, id string, c execution.Change) (execution.Execution, error) {
	x, err := s.Store.TransitionExecution(ctx, id, c)
	if err == nil {
		s.feed.add(note{isExec: true, record: x})
	}
	return x, err
}

// AppendOutput implements execution.Outputs.
func (s feedStore) AppendOutput(ctx context.Context, id string, lines []execution.OutputLine) error {
	err := s.Store.AppendOutput(ctx, id, lines)
	if err == nil {
		for _, l := range lines {
			s.feed.add(note{change: api.Change{Event: api.EventExecutionOutput, Data: api.OutputEvent{
				ExecutionID: id, Timestamp: l.Timestamp, OutputType: string(l.OutputType), Host: l.Host, Data: l.Data}}})
		}
	}
	return err
}

// CreateTriggerInstance implements execution.TriggerInstances.
func (s feedStore) CreateTriggerInstance(ctx context.Context, t execution.TriggerInstance) error {
	err := s.Store.CreateTriggerInstance(ctx, t)
	if err == nil {
		s.feed.add(note{change: api.Change{Event: api.EventTriggerInstance, Data: t}})
	}
	return err
}

// SetTriggerInstanceStatus implements execution.TriggerInstances.
func (s feedStore) SetTriggerInstanceStatus(ctx context.Context, id string, from, to execution.TriggerInstanceStatus) (execution.TriggerInstance, error) {
	t, err := s.Store.SetTriggerInstanceStatus(ctx, id, from, to)
	if err == nil {
		s.feed.add(note{change: api.Change{Event: api.EventTriggerInstanceUpdate, Data: t}})
	}
	return t, err
}

// CreateEnforcement implements execution.Enforcements.
func (s feedStore) CreateEnforcement(ctx context.Context, e execution.Enforcement) error {
	err := s.Store.CreateEnforcement(ctx, e)
	if err == nil {
		s.feed.add(note{change: api.Change{Event: api.EventEnforcementCreate, Data: e}})
	}
	return err
}

// CreateInquiry implements execution.Inquiries.
func (s feedStore) CreateInquiry(ctx context.Context, q execution.Inquiry) error {
	err := s.Store.CreateInquiry(ctx, q)
	if err == nil {
		s.feed.add(note{change: api.Change{Event: api.EventInquiryCreate, Data: q}})
	}
	return err
}

// ResolveInquiry implements execution.Inquiries.
func (s feedStore) ResolveInquiry(ctx context.Context, id string, r execution.Resolution) (execution.Inquiry, error) {
	q, err := s.Store.ResolveInquiry(ctx, id, r)
	if err == nil {
		s.feed.add(note{change: api.Change{Event: api.EventInquiryUpdate, Data: q}})
	}
	return q, err
}

// CreateBatch implements execution.Batches: each record and status change
// of the batch is reported, in the order the Batch fields list them.
func (s feedStore) CreateBatch(ctx context.Context, b execution.Batch) error {
	err := s.Store.CreateBatch(ctx, b)
	if err != nil || !s.feed.listening.Load() {
		return err
	}
	for _, t := range b.TriggerInstances {
		s.feed.add(note{change: api.Change{Event: api.EventTriggerInstance, Data: t}})
	}
	for _, e := range b.Enforcements {
		s.feed.add(note{change: api.Change{Event: api.EventEnforcementCreate, Data: e}})
	}
	for _, x := range b.Executions {
		s.feed.add(note{isExec: true, created: &x})
	}
	for _, t := range b.Transitions {
		s.feed.add(note{isExec: true, moved: &t})
	}
	for _, c := range b.TriggerInstanceChanges {
		s.feed.add(note{instance: &c})
	}
	return nil
}
