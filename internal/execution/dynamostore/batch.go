package dynamostore

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/stormless/stormless/internal/execution"
)

// action is one action of a batch's transaction and how to explain its
// failed condition.
type action struct {
	item types.TransactWriteItem
	// explain returns the error of a failed condition, and retry true
	// when the batch should be read and tried again.
	explain func(ctx context.Context) (err error, retry bool)
}

// CreateBatch writes every part of b in one TransactWriteItems call; see
// execution.Batches.
func (s *Store) CreateBatch(ctx context.Context, b execution.Batch) error {
	if n := b.Len(); n > execution.MaxBatchRecords {
		return fmt.Errorf("creating batch: %d parts, limit %d: %w", n, execution.MaxBatchRecords, execution.ErrInvalid)
	}
	if err := checkBatch(&b); err != nil {
		return err
	}
	for range maxCASAttempts {
		actions, err := s.batchActions(ctx, b)
		if err != nil {
			return err
		}
		items := make([]types.TransactWriteItem, len(actions))
		for i, a := range actions {
			items[i] = a.item
		}
		if len(items) == 0 {
			return nil
		}
		_, err = s.api.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
		failed, ok := cancelled(err)
		if !ok {
			if err != nil {
				return storageErr("creating batch", err)
			}
			return nil
		}
		retry := false
		for _, i := range failed {
			if i >= len(actions) {
				continue
			}
			err, again := actions[i].explain(ctx)
			if err != nil {
				return fmt.Errorf("creating batch: %w", err)
			}
			retry = retry || again
		}
		if !retry && len(failed) > 0 {
			return fmt.Errorf("creating batch: condition failed: %w", execution.ErrConflict)
		}
		if !retry {
			return storageErr("creating batch", err)
		}
	}
	return fmt.Errorf("creating batch: too many concurrent changes: %w", execution.ErrConflict)
}

// checkBatch validates b's parts before anything is read or written:
// invalid records and changes, ids twice (ErrConflict), a record changed
// twice (ErrInvalid).
func checkBatch(b *execution.Batch) error {
	seen := map[string]bool{}
	add := func(kind, id string) error {
		if seen[kind+"#"+id] {
			return fmt.Errorf("creating batch: %s %s twice: %w", kindName(kind), id, execution.ErrConflict)
		}
		seen[kind+"#"+id] = true
		return nil
	}
	for i := range b.Executions {
		if err := prepareExecution(&b.Executions[i]); err != nil {
			return err
		}
		if err := add(kindExecution, b.Executions[i].ID); err != nil {
			return err
		}
	}
	for _, t := range b.TriggerInstances {
		if err := add(kindTriggerInstance, t.ID); err != nil {
			return err
		}
	}
	for _, t := range b.Traces {
		if err := add(kindTrace, t.ID); err != nil {
			return err
		}
	}
	for _, e := range b.Enforcements {
		if err := add(kindEnforcement, e.ID); err != nil {
			return err
		}
	}
	changed := map[string]bool{}
	for _, t := range b.Transitions {
		if err := t.Check(); err != nil {
			return fmt.Errorf("creating batch: execution %s: %w", t.ID, err)
		}
		if changed["EX#"+t.ID] || seen["EX#"+t.ID] {
			return fmt.Errorf("creating batch: execution %s changed twice: %w", t.ID, execution.ErrInvalid)
		}
		changed["EX#"+t.ID] = true
	}
	for _, c := range b.TriggerInstanceChanges {
		if changed["TI#"+c.ID] || seen["TI#"+c.ID] {
			return fmt.Errorf("creating batch: trigger instance %s changed twice: %w", c.ID, execution.ErrInvalid)
		}
		changed["TI#"+c.ID] = true
	}
	return nil
}

// batchActions reads what b's transitions change and returns the
// transaction's actions.
func (s *Store) batchActions(ctx context.Context, b execution.Batch) ([]action, error) {
	var actions []action
	put := func(kind, id string, it item, err error) error {
		if err != nil {
			return err
		}
		actions = append(actions, action{
			item:    types.TransactWriteItem{Put: &types.Put{TableName: aws.String(s.table), Item: it, ConditionExpression: aws.String(notExists)}},
			explain: func(context.Context) (error, bool) { return conflict(kind, id, "exists"), false },
		})
		return nil
	}
	for _, t := range b.TriggerInstances {
		it, err := s.triggerInstanceItem(t)
		if err := put(kindTriggerInstance, t.ID, it, err); err != nil {
			return nil, err
		}
	}
	for _, t := range b.Traces {
		it, err := s.traceItem(t)
		if err := put(kindTrace, t.ID, it, err); err != nil {
			return nil, err
		}
	}
	for _, e := range b.Enforcements {
		it, err := s.enforcementItem(e)
		if err := put(kindEnforcement, e.ID, it, err); err != nil {
			return nil, err
		}
	}
	children, outside := childrenOf(b.Executions)
	for _, e := range b.Executions {
		it, err := s.executionItem(e, 1, children[e.ID])
		if err := put(kindExecution, e.ID, it, err); err != nil {
			return nil, err
		}
	}
	tr, err := s.transitionActions(ctx, b.Transitions, outside)
	if err != nil {
		return nil, err
	}
	actions = append(actions, tr...)
	for _, parent := range sortedKeys(outside) {
		u := s.appendChild(parent, "")
		u.ExpressionAttributeValues[":child"] = list(outside[parent]...)
		actions = append(actions, action{item: types.TransactWriteItem{Update: u},
			explain: func(context.Context) (error, bool) { return notFound(kindExecution, parent), false }})
	}
	for _, c := range b.TriggerInstanceChanges {
		u, err := s.statusUpdate(c.ID, c.From, c.To)
		if err != nil {
			return nil, err
		}
		actions = append(actions, action{item: types.TransactWriteItem{Update: u},
			explain: func(ctx context.Context) (error, bool) {
				return s.existsOrConflict(ctx, kindTriggerInstance, c.ID, "status is not "+string(c.From)), false
			}})
	}
	return actions, nil
}

// childrenOf returns the children each parent gets from execs: parents in
// execs (written with their children) and parents outside (appended to).
func childrenOf(execs []execution.Execution) (inside, outside map[string][]string) {
	inside, outside = map[string][]string{}, map[string][]string{}
	in := map[string]bool{}
	for _, e := range execs {
		in[e.ID] = true
	}
	for _, e := range execs {
		switch {
		case e.Parent == "":
		case in[e.Parent]:
			inside[e.Parent] = append(inside[e.Parent], e.ID)
		default:
			outside[e.Parent] = append(outside[e.Parent], e.ID)
		}
	}
	return inside, outside
}

// transitionActions reads each changed execution and returns the
// conditional updates; children of a changed parent (taken out of
// outside) join its update, as a transaction touches an item once.
func (s *Store) transitionActions(ctx context.Context, ts []execution.Transition, outside map[string][]string) ([]action, error) {
	var actions []action
	for _, t := range ts {
		it, e, err := s.readForChange(ctx, t.ID, t.From)
		if err != nil {
			return nil, fmt.Errorf("creating batch: %w", err)
		}
		e.Apply(t.Change)
		u, err := s.transitionUpdate(e, num(it, attrVersion))
		if err != nil {
			return nil, err
		}
		if kids := outside[t.ID]; len(kids) > 0 {
			*u.UpdateExpression += ", children = list_append(if_not_exists(children, :empty), :kids)"
			u.ExpressionAttributeValues[":empty"] = list()
			u.ExpressionAttributeValues[":kids"] = list(kids...)
			delete(outside, t.ID)
		}
		actions = append(actions, action{item: types.TransactWriteItem{Update: u},
			explain: func(ctx context.Context) (error, bool) {
				_, _, err := s.readForChange(ctx, t.ID, t.From)
				return err, err == nil
			}})
	}
	return actions, nil
}

// sortedKeys returns m's keys in order, so transactions are deterministic.
func sortedKeys(m map[string][]string) []string { return slices.Sorted(maps.Keys(m)) }
