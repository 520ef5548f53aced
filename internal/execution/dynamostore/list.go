package dynamostore

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/stormless/stormless/internal/execution"
)

// listSpec names the index partition a listing reads.
type listSpec struct {
	kind      string
	index     string
	attr      string
	value     string
	ascending bool
}

// scan reads the items of spec's partition whose ts falls in tr and
// before the cursor after (exclusive; "" for none), in order, calling
// visit until it returns false.
func (s *Store) scan(ctx context.Context, spec listSpec, tr execution.TimeRange, after string, visit func(item) (bool, error)) error {
	lo, hi := "", ""
	if !tr.Since.IsZero() {
		if err := checkTime("since", tr.Since); err != nil {
			return err
		}
		lo = tsPrefix(tr.Since)
	}
	if !tr.Until.IsZero() {
		if err := checkTime("until", tr.Until); err != nil {
			return err
		}
		hi = tsPrefix(tr.Until) // no ts equals a bare prefix: exclusive
	}
	if after != "" {
		if spec.ascending && after >= lo {
			lo = after
		}
		if !spec.ascending && (hi == "" || after < hi) {
			hi = after
		}
	}
	cond := "#k = :k"
	vals := item{":k": sv(spec.value)}
	switch {
	case lo != "" && hi != "":
		if lo > hi {
			return nil
		}
		cond += " AND ts BETWEEN :lo AND :hi"
		vals[":lo"], vals[":hi"] = sv(lo), sv(hi)
	case lo != "":
		cond += " AND ts >= :lo"
		vals[":lo"] = sv(lo)
	case hi != "":
		cond += " AND ts <= :hi"
		vals[":hi"] = sv(hi)
	}
	in := &dynamodb.QueryInput{
		TableName: aws.String(s.table), IndexName: aws.String(spec.index),
		KeyConditionExpression:    aws.String(cond),
		ExpressionAttributeNames:  map[string]string{"#k": spec.attr},
		ExpressionAttributeValues: vals, ScanIndexForward: aws.Bool(spec.ascending),
		Limit: aws.Int32(100),
	}
	for {
		out, err := s.api.Query(ctx, in)
		if err != nil {
			return storageErr("listing "+kindName(spec.kind)+"s", err)
		}
		for _, it := range out.Items {
			ts := str(it, attrTS)
			if ts == hi || ts == after || (lo != "" && ts < lo) { // bounds are exclusive where they are cursors or until
				continue
			}
			more, err := visit(it)
			if err != nil || !more {
				return err
			}
		}
		if len(out.LastEvaluatedKey) == 0 {
			return nil
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}

// listPage returns one page of the records of spec that match, decoded.
func listPage[T any](ctx context.Context, s *Store, spec listSpec, tr execution.TimeRange, pq execution.PageQuery,
	decode func(item) (T, error), match func(T) bool) (execution.Page[T], error) {
	var after string
	if pq.Token != "" {
		var err error
		if after, err = decodeToken(pq.Token); err != nil {
			return execution.Page[T]{}, err
		}
	}
	size := pq.PageSize()
	var page execution.Page[T]
	var lastTS string
	err := s.scan(ctx, spec, tr, after, func(it item) (bool, error) {
		v, err := decode(it)
		if err != nil {
			return false, err
		}
		if !match(v) {
			return true, nil
		}
		if len(page.Items) == size {
			page.Next = encodeToken(lastTS)
			return false, nil
		}
		page.Items = append(page.Items, v)
		lastTS = str(it, attrTS)
		return true, nil
	})
	if err != nil {
		return execution.Page[T]{}, err
	}
	return page, nil
}
