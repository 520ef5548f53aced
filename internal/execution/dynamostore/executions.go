package dynamostore

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/stormless/stormless/internal/execution"
)

// maxCASAttempts bounds the retries of a compare-and-set whose version
// moved while its status stayed the expected one.
const maxCASAttempts = 20

// prepareExecution validates e and fills what CreateExecution defines: the
// log, the end timestamp of a final status, no children.
func prepareExecution(e *execution.Execution) error {
	if err := e.Validate(); err != nil {
		return err
	}
	if err := checkTime("execution "+e.ID+" start_timestamp", e.StartTimestamp); err != nil {
		return err
	}
	if len(e.Log) == 0 {
		e.Log = []execution.LogEntry{{Timestamp: e.StartTimestamp, Status: e.Status}}
	}
	if e.Status.Final() && e.EndTimestamp.IsZero() {
		e.EndTimestamp = e.Log[len(e.Log)-1].Timestamp
		e.ElapsedSeconds = e.EndTimestamp.Sub(e.StartTimestamp).Seconds()
	}
	e.Children = nil
	return nil
}

// executionItem returns e's item with version ver and children.
func (s *Store) executionItem(e execution.Execution, ver int64, children []string) (item, error) {
	doc := e
	doc.Children = nil
	it, err := newItem(kindExecution, e.ID, e.StartTimestamp, doc)
	if err != nil {
		return nil, err
	}
	s.executionAttrs(it, e, ver)
	setKey(it, attrG1, kindExecution, e.Action.Ref, false)
	if e.Rule != nil {
		setKey(it, attrG3, kindExecution, e.Rule.Ref, true)
	}
	if e.TriggerType != nil {
		setKey(it, attrG4, kindExecution, e.TriggerType.Ref, true)
	}
	setKey(it, attrG5, kindExecution, e.Parent, false)
	if len(children) > 0 {
		it[attrChildren] = list(children...)
	}
	return it, nil
}

// executionAttrs sets what a status change rewrites: status, its index
// key, version and expiry.
func (s *Store) executionAttrs(it item, e execution.Execution, ver int64) {
	it[attrStatus] = sv(string(e.Status))
	it[attrG2] = sv(kindExecution + "#" + string(e.Status))
	it[attrVersion] = n(ver)
	if exp, ok := s.expires(e.EndTimestamp); ok && e.Status.Final() {
		it[attrExpires] = n(exp)
	}
}

// decodeExecution decodes an execution item.
func decodeExecution(it item) (execution.Execution, error) {
	var e execution.Execution
	if err := decodeDoc(it, &e); err != nil {
		return e, err
	}
	e.Children = strs(it, attrChildren)
	return e, nil
}

// appendChild is the update that links a child to its existing parent.
func (s *Store) appendChild(parent, child string) *types.Update {
	return &types.Update{
		TableName:           aws.String(s.table),
		Key:                 key(kindExecution, parent),
		UpdateExpression:    aws.String("SET children = list_append(if_not_exists(children, :empty), :child)"),
		ConditionExpression: aws.String(exists),
		ExpressionAttributeValues: item{
			":empty": list(), ":child": list(child),
		},
	}
}

// CreateExecution stores a new execution; see execution.Executions.
func (s *Store) CreateExecution(ctx context.Context, e execution.Execution) error {
	if err := prepareExecution(&e); err != nil {
		return err
	}
	it, err := s.executionItem(e, 1, nil)
	if err != nil {
		return err
	}
	if e.Parent == "" {
		return s.create(ctx, kindExecution, e.ID, it)
	}
	_, err = s.api.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Put: &types.Put{TableName: aws.String(s.table), Item: it, ConditionExpression: aws.String(notExists)}},
		{Update: s.appendChild(e.Parent, e.ID)},
	}})
	if failed, ok := cancelled(err); ok {
		if slices.Contains(failed, 0) {
			return conflict(kindExecution, e.ID, "exists")
		}
		if slices.Contains(failed, 1) {
			return fmt.Errorf("creating execution %s: parent: %w", e.ID, notFound(kindExecution, e.Parent))
		}
	}
	if err != nil {
		return storageErr("creating execution "+e.ID, err)
	}
	return nil
}

// GetExecution returns execution id or ErrNotFound.
func (s *Store) GetExecution(ctx context.Context, id string) (execution.Execution, error) {
	it, err := s.get(ctx, kindExecution, id)
	if err != nil {
		return execution.Execution{}, err
	}
	return decodeExecution(it)
}

// TransitionExecution is the compare-and-set status change; see
// execution.Executions.
func (s *Store) TransitionExecution(ctx context.Context, id string, c execution.Change) (execution.Execution, error) {
	if err := c.Check(); err != nil {
		return execution.Execution{}, err
	}
	for range maxCASAttempts {
		it, e, err := s.readForChange(ctx, id, c.From)
		if err != nil {
			return execution.Execution{}, err
		}
		e.Apply(c)
		upd, err := s.transitionUpdate(e, num(it, attrVersion))
		if err != nil {
			return execution.Execution{}, err
		}
		out, err := s.api.UpdateItem(ctx, &dynamodb.UpdateItemInput{
			TableName: upd.TableName, Key: upd.Key, UpdateExpression: upd.UpdateExpression,
			ConditionExpression: upd.ConditionExpression, ExpressionAttributeNames: upd.ExpressionAttributeNames,
			ExpressionAttributeValues: upd.ExpressionAttributeValues, ReturnValues: types.ReturnValueAllNew,
		})
		if conditionFailed(err) {
			continue // the version moved: read again
		}
		if err != nil {
			return execution.Execution{}, storageErr("changing execution "+id, err)
		}
		return decodeExecution(out.Attributes)
	}
	return execution.Execution{}, conflict(kindExecution, id, "too many concurrent changes")
}

// readForChange reads execution id and checks it is in status from.
func (s *Store) readForChange(ctx context.Context, id string, from execution.Status) (item, execution.Execution, error) {
	it, err := s.get(ctx, kindExecution, id)
	if err != nil {
		return nil, execution.Execution{}, err
	}
	e, err := decodeExecution(it)
	if err != nil {
		return nil, e, err
	}
	if e.Status != from {
		return nil, e, conflict(kindExecution, id, fmt.Sprintf("status is %s, not %s", e.Status, from))
	}
	return it, e, nil
}

// transitionUpdate returns the conditional update that writes e (already
// changed) over the version ver it was read at.
func (s *Store) transitionUpdate(e execution.Execution, ver int64) (*types.Update, error) {
	doc := e
	doc.Children = nil
	b, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("encoding execution %s: %w", e.ID, err)
	}
	vals := item{":doc": sv(string(b)), ":old": n(ver)}
	attrs := item{}
	s.executionAttrs(attrs, e, ver+1)
	expr := "SET doc = :doc"
	for _, name := range []string{attrStatus, attrG2, attrVersion, attrExpires} {
		if v, ok := attrs[name]; ok {
			expr += ", " + name + " = :" + name
			vals[":"+name] = v
		}
	}
	return &types.Update{
		TableName: aws.String(s.table), Key: key(kindExecution, e.ID),
		UpdateExpression: aws.String(expr), ConditionExpression: aws.String("ver = :old"),
		ExpressionAttributeValues: vals,
	}, nil
}

// ListExecutions returns one page of executions, newest first.
func (s *Store) ListExecutions(ctx context.Context, q execution.ExecutionQuery) (execution.Page[execution.Execution], error) {
	spec := listSpec{kind: kindExecution, index: indexKind, attr: attrKind, value: kindExecution}
	switch {
	case q.Parent != "":
		spec.index, spec.attr, spec.value = indexG5, attrG5, kindExecution+"#"+q.Parent
	case q.Rule != "":
		spec.index, spec.attr, spec.value = indexG3, attrG3, kindExecution+"#"+q.Rule
	case q.TriggerType != "":
		spec.index, spec.attr, spec.value = indexG4, attrG4, kindExecution+"#"+q.TriggerType
	case q.Action != "":
		spec.index, spec.attr, spec.value = indexG1, attrG1, kindExecution+"#"+q.Action
	case q.Status != "":
		spec.index, spec.attr, spec.value = indexG2, attrG2, kindExecution+"#"+string(q.Status)
	case q.TopLevel:
		spec.index, spec.attr, spec.value = indexG5, attrG5, kindExecution+"#"
	}
	return listPage(ctx, s, spec, q.TimeRange, q.PageQuery, decodeExecution, func(e execution.Execution) bool {
		return matchExecution(q, e)
	})
}

// matchExecution reports whether e passes every filter of q.
func matchExecution(q execution.ExecutionQuery, e execution.Execution) bool {
	switch {
	case q.Action != "" && e.Action.Ref != q.Action,
		q.Status != "" && e.Status != q.Status,
		q.Rule != "" && (e.Rule == nil || e.Rule.Ref != q.Rule),
		q.TriggerType != "" && (e.TriggerType == nil || e.TriggerType.Ref != q.TriggerType),
		q.Parent != "" && e.Parent != q.Parent,
		q.TopLevel && e.Parent != "":
		return false
	}
	return true
}

// InFlightExecutions returns every execution not in a final status, oldest
// first.
func (s *Store) InFlightExecutions(ctx context.Context) ([]execution.Execution, error) {
	var out []execution.Execution
	for _, st := range execution.Statuses {
		if !st.InFlight() {
			continue
		}
		spec := listSpec{kind: kindExecution, index: indexG2, attr: attrG2, value: kindExecution + "#" + string(st), ascending: true}
		err := s.scan(ctx, spec, execution.TimeRange{}, "", func(it item) (bool, error) {
			e, err := decodeExecution(it)
			if err != nil {
				return false, err
			}
			if e.Status.InFlight() {
				out = append(out, e)
			}
			return true, nil
		})
		if err != nil {
			return nil, err
		}
	}
	slices.SortStableFunc(out, func(a, b execution.Execution) int {
		if c := a.StartTimestamp.Compare(b.StartTimestamp); c != 0 {
			return c
		}
		return compareStrings(a.ID, b.ID)
	})
	return out, nil
}

// compareStrings orders strings.
func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
