package dynamostore

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/stormless/stormless/internal/execution"
)

// Purge deletes what ended before before; see execution.Purger. It reads
// each kind's index up to before and deletes item by item, so a purge of
// many records takes a while; TTL (WithRetention) is the way to expire
// records in bulk.
func (s *Store) Purge(ctx context.Context, before time.Time) (execution.Purged, error) {
	var p execution.Purged
	if err := checkTime("purge cutoff", before); err != nil {
		return p, err
	}
	tr := execution.TimeRange{Until: before}
	kinds := []struct {
		kind  string
		count *int
		old   func(item) (bool, error)
	}{
		{kindExecution, &p.Executions, func(it item) (bool, error) {
			e, err := decodeExecution(it)
			return e.Status.Final() && e.EndTimestamp.Before(before), err
		}},
		{kindTriggerInstance, &p.TriggerInstances, func(item) (bool, error) { return true, nil }},
		{kindEnforcement, &p.Enforcements, func(item) (bool, error) { return true, nil }},
		{kindTrace, &p.Traces, func(item) (bool, error) { return true, nil }},
		{kindInquiry, &p.Inquiries, func(it item) (bool, error) { return str(it, attrStatus) != string(execution.InquiryPending), nil }},
	}
	for _, k := range kinds {
		var doomed []item
		err := s.scan(ctx, listSpec{kind: k.kind, index: indexKind, attr: attrKind, value: k.kind, ascending: true}, tr, "",
			func(it item) (bool, error) {
				old, err := k.old(it)
				if old {
					doomed = append(doomed, item{attrPK: it[attrPK], attrSK: it[attrSK]})
				}
				return true, err
			})
		if err != nil {
			return p, err
		}
		for _, key := range doomed {
			if k.kind == kindExecution {
				lines, err := s.purgeOutput(ctx, key)
				p.OutputLines += lines
				if err != nil {
					return p, err
				}
			}
			if _, err := s.api.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(s.table), Key: key}); err != nil {
				return p, storageErr("purging "+str(key, attrPK), err)
			}
			*k.count++
		}
	}
	return p, nil
}

// purgeOutput deletes the output lines of the execution with key.
func (s *Store) purgeOutput(ctx context.Context, execKey item) (int, error) {
	in := &dynamodb.QueryInput{
		TableName:                 aws.String(s.table),
		KeyConditionExpression:    aws.String("pk = :pk AND begins_with(sk, :out)"),
		ExpressionAttributeValues: item{":pk": execKey[attrPK], ":out": sv("OUT#")},
		ProjectionExpression:      aws.String("pk, sk"),
		ConsistentRead:            aws.Bool(true),
	}
	var reqs []types.WriteRequest
	for {
		out, err := s.api.Query(ctx, in)
		if err != nil {
			return 0, storageErr("listing output to purge", err)
		}
		for _, it := range out.Items {
			reqs = append(reqs, types.WriteRequest{DeleteRequest: &types.DeleteRequest{Key: it}})
		}
		if len(out.LastEvaluatedKey) == 0 {
			break
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
	return len(reqs), s.batchWrite(ctx, "purging output", reqs)
}
