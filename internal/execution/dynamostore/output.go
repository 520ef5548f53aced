package dynamostore

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/stormless/stormless/internal/execution"
)

// outputSK returns the sort key of output line seq.
func outputSK(seq int64) string { return fmt.Sprintf("OUT#%020d", seq) }

// maxBatchWrite is BatchWriteItem's limit of items per call.
const maxBatchWrite = 25

// AppendOutput appends lines to execution id's output; see
// execution.Outputs.
func (s *Store) AppendOutput(ctx context.Context, id string, lines []execution.OutputLine) error {
	if len(lines) == 0 {
		if _, err := s.get(ctx, kindExecution, id); err != nil {
			return err
		}
		return nil
	}
	out, err := s.api.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(s.table), Key: key(kindExecution, id),
		UpdateExpression:          aws.String("ADD outseq :n"),
		ConditionExpression:       aws.String(exists),
		ExpressionAttributeValues: item{":n": n(int64(len(lines)))},
		ReturnValues:              types.ReturnValueUpdatedNew,
	})
	if conditionFailed(err) {
		return notFound(kindExecution, id)
	}
	if err != nil {
		return storageErr("reserving output sequence of execution "+id, err)
	}
	first := num(out.Attributes, attrOutSeq) - int64(len(lines)) + 1
	var reqs []types.WriteRequest
	for i, l := range lines {
		l.ExecutionID, l.Seq = id, first+int64(i)
		it, err := s.outputItem(l)
		if err != nil {
			return err
		}
		reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: it}})
	}
	return s.batchWrite(ctx, "appending output of execution "+id, reqs)
}

// outputItem returns the item of line l.
func (s *Store) outputItem(l execution.OutputLine) (item, error) {
	it, err := newItem(kindExecution, l.ExecutionID, l.Timestamp, l)
	if err != nil {
		return nil, err
	}
	delete(it, attrKind)
	delete(it, attrTS)
	it[attrSK] = sv(outputSK(l.Seq))
	if exp, ok := s.expires(l.Timestamp); ok {
		it[attrExpires] = n(exp)
	}
	return it, nil
}

// batchWrite writes reqs in calls of maxBatchWrite, retrying unprocessed
// items with backoff until ctx ends.
func (s *Store) batchWrite(ctx context.Context, doing string, reqs []types.WriteRequest) error {
	for len(reqs) > 0 {
		chunk := reqs[:min(maxBatchWrite, len(reqs))]
		reqs = reqs[len(chunk):]
		for attempt := 0; len(chunk) > 0; attempt++ {
			out, err := s.api.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{
				RequestItems: map[string][]types.WriteRequest{s.table: chunk},
			})
			if err != nil {
				return storageErr(doing, err)
			}
			chunk = out.UnprocessedItems[s.table]
			if len(chunk) > 0 {
				if err := sleep(ctx, backoff(attempt)); err != nil {
					return storageErr(doing, err)
				}
			}
		}
	}
	return nil
}

// backoff returns the wait before retry attempt: 10 ms doubling, at most 1 s.
func backoff(attempt int) time.Duration {
	return min(10*time.Millisecond<<min(attempt, 7), time.Second)
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

// ListOutput returns execution id's output lines after seq after; see
// execution.Outputs.
func (s *Store) ListOutput(ctx context.Context, id string, after int64, limit int) ([]execution.OutputLine, error) {
	if _, err := s.get(ctx, kindExecution, id); err != nil {
		return nil, err
	}
	after = max(after, 0)
	in := &dynamodb.QueryInput{
		TableName:              aws.String(s.table),
		KeyConditionExpression: aws.String("pk = :pk AND sk BETWEEN :lo AND :hi"),
		ExpressionAttributeValues: item{
			":pk": sv(kindExecution + "#" + id), ":lo": sv(outputSK(after + 1)), ":hi": sv("OUT#~"),
		},
		ConsistentRead: aws.Bool(true),
	}
	var lines []execution.OutputLine
	for {
		if limit > 0 {
			in.Limit = aws.Int32(int32(min(limit-len(lines), 1000)))
		}
		out, err := s.api.Query(ctx, in)
		if err != nil {
			return nil, storageErr("listing output of execution "+id, err)
		}
		for _, it := range out.Items {
			var l execution.OutputLine
			if err := decodeDoc(it, &l); err != nil {
				return nil, err
			}
			lines = append(lines, l)
		}
		if len(out.LastEvaluatedKey) == 0 || limit > 0 && len(lines) >= limit {
			return lines, nil
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}
