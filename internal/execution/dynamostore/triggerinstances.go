package dynamostore

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/stormless/stormless/internal/execution"
)

// triggerInstanceItem validates t and returns its item.
func (s *Store) triggerInstanceItem(t execution.TriggerInstance) (item, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	if err := checkTime("trigger instance "+t.ID+" occurrence_time", t.OccurrenceTime); err != nil {
		return nil, err
	}
	it, err := newItem(kindTriggerInstance, t.ID, t.OccurrenceTime, t)
	if err != nil {
		return nil, err
	}
	it[attrStatus] = sv(string(t.Status))
	setKey(it, attrG1, kindTriggerInstance, t.Trigger, false)
	setKey(it, attrG2, kindTriggerInstance, string(t.Status), false)
	if exp, ok := s.expires(t.OccurrenceTime); ok {
		it[attrExpires] = n(exp)
	}
	return it, nil
}

// decodeTriggerInstance decodes a trigger instance item; its status is
// the st attribute, which changes without rewriting doc.
func decodeTriggerInstance(it item) (execution.TriggerInstance, error) {
	var t execution.TriggerInstance
	if err := decodeDoc(it, &t); err != nil {
		return t, err
	}
	t.Status = execution.TriggerInstanceStatus(str(it, attrStatus))
	return t, nil
}

// CreateTriggerInstance stores a new trigger instance.
func (s *Store) CreateTriggerInstance(ctx context.Context, t execution.TriggerInstance) error {
	it, err := s.triggerInstanceItem(t)
	if err != nil {
		return err
	}
	return s.create(ctx, kindTriggerInstance, t.ID, it)
}

// GetTriggerInstance returns trigger instance id or ErrNotFound.
func (s *Store) GetTriggerInstance(ctx context.Context, id string) (execution.TriggerInstance, error) {
	it, err := s.get(ctx, kindTriggerInstance, id)
	if err != nil {
		return execution.TriggerInstance{}, err
	}
	return decodeTriggerInstance(it)
}

// ListTriggerInstances returns one page of trigger instances, newest
// first.
func (s *Store) ListTriggerInstances(ctx context.Context, q execution.TriggerInstanceQuery) (execution.Page[execution.TriggerInstance], error) {
	spec := listSpec{kind: kindTriggerInstance, index: indexKind, attr: attrKind, value: kindTriggerInstance}
	switch {
	case q.Trigger != "":
		spec.index, spec.attr, spec.value = indexG1, attrG1, kindTriggerInstance+"#"+q.Trigger
	case q.Status != "":
		spec.index, spec.attr, spec.value = indexG2, attrG2, kindTriggerInstance+"#"+string(q.Status)
	}
	return listPage(ctx, s, spec, q.TimeRange, q.PageQuery, decodeTriggerInstance, func(t execution.TriggerInstance) bool {
		return (q.Trigger == "" || t.Trigger == q.Trigger) && (q.Status == "" || t.Status == q.Status)
	})
}

// statusUpdate returns the compare-and-set of trigger instance id's
// status.
func (s *Store) statusUpdate(id string, from, to execution.TriggerInstanceStatus) (*types.Update, error) {
	if !from.Valid() || !to.Valid() {
		return nil, fmt.Errorf("changing trigger instance %s from %q to %q: unknown status: %w", id, from, to, execution.ErrInvalid)
	}
	return &types.Update{
		TableName: aws.String(s.table), Key: key(kindTriggerInstance, id),
		UpdateExpression:    aws.String("SET st = :to, g2 = :g2"),
		ConditionExpression: aws.String("st = :from"),
		ExpressionAttributeValues: item{
			":to": sv(string(to)), ":g2": sv(kindTriggerInstance + "#" + string(to)), ":from": sv(string(from)),
		},
	}, nil
}

// SetTriggerInstanceStatus moves trigger instance id from from to to
// (compare-and-set).
func (s *Store) SetTriggerInstanceStatus(ctx context.Context, id string, from, to execution.TriggerInstanceStatus) (execution.TriggerInstance, error) {
	u, err := s.statusUpdate(id, from, to)
	if err != nil {
		return execution.TriggerInstance{}, err
	}
	out, err := s.api.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: u.TableName, Key: u.Key, UpdateExpression: u.UpdateExpression,
		ConditionExpression: u.ConditionExpression, ExpressionAttributeValues: u.ExpressionAttributeValues,
		ReturnValues: types.ReturnValueAllNew,
	})
	if conditionFailed(err) {
		return execution.TriggerInstance{}, s.existsOrConflict(ctx, kindTriggerInstance, id, "status is not "+string(from))
	}
	if err != nil {
		return execution.TriggerInstance{}, storageErr("changing trigger instance "+id, err)
	}
	return decodeTriggerInstance(out.Attributes)
}
