package dynamostore

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/stormless/stormless/internal/execution"
)

// componentLists are the list attributes of a trace's components, in
// TraceComponents' order.
var componentLists = []string{attrTraceTI, attrTraceRU, attrTraceEX}

// components returns c's three lists in componentLists' order.
func components(c *execution.TraceComponents) []*[]execution.TraceComponent {
	return []*[]execution.TraceComponent{&c.TriggerInstances, &c.Rules, &c.ActionExecutions}
}

// encodeComponents returns the JSON of each component of l.
func encodeComponents(l []execution.TraceComponent) ([]string, error) {
	out := make([]string, len(l))
	for i, c := range l {
		b, err := json.Marshal(c)
		if err != nil {
			return nil, fmt.Errorf("encoding trace component %s: %w", c.ObjectID, err)
		}
		out[i] = string(b)
	}
	return out, nil
}

// traceItem validates t and returns its item.
func (s *Store) traceItem(t execution.Trace) (item, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	if err := checkTime("trace "+t.ID+" start_timestamp", t.StartTimestamp); err != nil {
		return nil, err
	}
	doc := t
	doc.TraceComponents = execution.TraceComponents{}
	it, err := newItem(kindTrace, t.ID, t.StartTimestamp, doc)
	if err != nil {
		return nil, err
	}
	for i, l := range components(&t.TraceComponents) {
		enc, err := encodeComponents(*l)
		if err != nil {
			return nil, err
		}
		it[componentLists[i]] = list(enc...)
	}
	setKey(it, attrG1, kindTrace, t.TraceTag, false)
	if exp, ok := s.expires(t.StartTimestamp); ok {
		it[attrExpires] = n(exp)
	}
	return it, nil
}

// decodeTrace decodes a trace item.
func decodeTrace(it item) (execution.Trace, error) {
	var t execution.Trace
	if err := decodeDoc(it, &t); err != nil {
		return t, err
	}
	for i, l := range components(&t.TraceComponents) {
		*l = nil
		for _, raw := range strs(it, componentLists[i]) {
			var c execution.TraceComponent
			if err := json.Unmarshal([]byte(raw), &c); err != nil {
				return t, fmt.Errorf("decoding trace %s component: %w", t.ID, err)
			}
			*l = append(*l, c)
		}
	}
	return t, nil
}

// CreateTrace stores a new trace.
func (s *Store) CreateTrace(ctx context.Context, t execution.Trace) error {
	it, err := s.traceItem(t)
	if err != nil {
		return err
	}
	return s.create(ctx, kindTrace, t.ID, it)
}

// GetTrace returns trace id or ErrNotFound.
func (s *Store) GetTrace(ctx context.Context, id string) (execution.Trace, error) {
	it, err := s.get(ctx, kindTrace, id)
	if err != nil {
		return execution.Trace{}, err
	}
	return decodeTrace(it)
}

// ListTraces returns one page of traces, newest first.
func (s *Store) ListTraces(ctx context.Context, q execution.TraceQuery) (execution.Page[execution.Trace], error) {
	spec := listSpec{kind: kindTrace, index: indexKind, attr: attrKind, value: kindTrace}
	if q.TraceTag != "" {
		spec.index, spec.attr, spec.value = indexG1, attrG1, kindTrace+"#"+q.TraceTag
	}
	return listPage(ctx, s, spec, q.TimeRange, q.PageQuery, decodeTrace, func(t execution.Trace) bool {
		return q.TraceTag == "" || t.TraceTag == q.TraceTag
	})
}

// AddTraceComponents appends c to trace id's components atomically.
func (s *Store) AddTraceComponents(ctx context.Context, id string, c execution.TraceComponents) (execution.Trace, error) {
	if c.Empty() {
		return s.GetTrace(ctx, id)
	}
	expr := ""
	vals := item{}
	for i, l := range components(&c) {
		if len(*l) == 0 {
			continue
		}
		enc, err := encodeComponents(*l)
		if err != nil {
			return execution.Trace{}, err
		}
		name := componentLists[i]
		if expr != "" {
			expr += ", "
		}
		expr += name + " = list_append(" + name + ", :" + name + ")"
		vals[":"+name] = list(enc...)
	}
	out, err := s.api.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(s.table), Key: key(kindTrace, id),
		UpdateExpression: aws.String("SET " + expr), ConditionExpression: aws.String(exists),
		ExpressionAttributeValues: vals, ReturnValues: types.ReturnValueAllNew,
	})
	if conditionFailed(err) {
		return execution.Trace{}, notFound(kindTrace, id)
	}
	if err != nil {
		return execution.Trace{}, storageErr("adding to trace "+id, err)
	}
	return decodeTrace(out.Attributes)
}
