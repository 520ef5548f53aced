package dynalite

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
)

// TxClient emulates TransactWriteItems, which dynalite lacks, on top of
// its item operations: every write runs under one lock (reads under its
// read side, so no reader sees half a transaction), a transaction applies
// its actions in order and, when a condition fails, undoes the applied
// ones from their old images and answers as DynamoDB does, with a
// TransactionCanceledException whose reasons mark the failed action. It
// also refuses what DynamoDB refuses: more than 100 actions, two actions
// on one item.
type TxClient struct {
	*dynamodb.Client
	mu sync.RWMutex
}

// NewTxClient returns c with transactions emulated. Give every store of a
// test the same TxClient, so that their writes share the lock.
func NewTxClient(c *dynamodb.Client) *TxClient { return &TxClient{Client: c} }

func (c *TxClient) GetItem(ctx context.Context, in *dynamodb.GetItemInput, o ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.Client.GetItem(ctx, in, o...)
}

func (c *TxClient) Query(ctx context.Context, in *dynamodb.QueryInput, o ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.Client.Query(ctx, in, o...)
}

func (c *TxClient) PutItem(ctx context.Context, in *dynamodb.PutItemInput, o ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.Client.PutItem(ctx, in, o...)
}

func (c *TxClient) UpdateItem(ctx context.Context, in *dynamodb.UpdateItemInput, o ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.Client.UpdateItem(ctx, in, o...)
}

func (c *TxClient) DeleteItem(ctx context.Context, in *dynamodb.DeleteItemInput, o ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.Client.DeleteItem(ctx, in, o...)
}

func (c *TxClient) BatchWriteItem(ctx context.Context, in *dynamodb.BatchWriteItemInput, o ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.Client.BatchWriteItem(ctx, in, o...)
}

// undo restores one item of a transaction.
type undo struct {
	table string
	key   map[string]types.AttributeValue
	old   map[string]types.AttributeValue
}

func (c *TxClient) TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, o ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if n := len(in.TransactItems); n == 0 || n > 100 {
		return nil, &smithy.GenericAPIError{Code: "ValidationException", Message: fmt.Sprintf("%d transact items, want 1-100", n)}
	}
	seen := map[string]bool{}
	for _, ti := range in.TransactItems {
		table, key, err := target(ti)
		if err != nil {
			return nil, err
		}
		id := table + "/" + fmt.Sprint(key["pk"]) + "/" + fmt.Sprint(key["sk"])
		if seen[id] {
			return nil, &smithy.GenericAPIError{Code: "ValidationException", Message: "Transaction request cannot include multiple operations on one item"}
		}
		seen[id] = true
	}
	var done []undo
	for i, ti := range in.TransactItems {
		u, err := c.apply(ctx, ti)
		if err == nil {
			done = append(done, u)
			continue
		}
		if rerr := c.rollback(ctx, done); rerr != nil {
			return nil, fmt.Errorf("emulated transaction: rolling back: %w (after %v)", rerr, err)
		}
		var cf *types.ConditionalCheckFailedException
		if !errors.As(err, &cf) {
			return nil, err
		}
		reasons := make([]types.CancellationReason, len(in.TransactItems))
		for j := range reasons {
			reasons[j].Code = aws.String("None")
		}
		reasons[i].Code = aws.String("ConditionalCheckFailed")
		return nil, &types.TransactionCanceledException{Message: aws.String("Transaction cancelled (emulated)"), CancellationReasons: reasons}
	}
	return &dynamodb.TransactWriteItemsOutput{}, nil
}

// target returns the table and key an action writes.
func target(ti types.TransactWriteItem) (string, map[string]types.AttributeValue, error) {
	switch {
	case ti.Put != nil:
		key := map[string]types.AttributeValue{}
		for _, k := range []string{"pk", "sk"} { // the key attributes of the tables tests make
			if v, ok := ti.Put.Item[k]; ok {
				key[k] = v
			}
		}
		return aws.ToString(ti.Put.TableName), key, nil
	case ti.Update != nil:
		return aws.ToString(ti.Update.TableName), ti.Update.Key, nil
	case ti.Delete != nil:
		return aws.ToString(ti.Delete.TableName), ti.Delete.Key, nil
	}
	return "", nil, &smithy.GenericAPIError{Code: "ValidationException", Message: "emulated transactions take Put, Update and Delete only"}
}

// apply runs one action and returns how to undo it.
func (c *TxClient) apply(ctx context.Context, ti types.TransactWriteItem) (undo, error) {
	table, key, err := target(ti)
	if err != nil {
		return undo{}, err
	}
	u := undo{table: table, key: key}
	switch {
	case ti.Put != nil:
		p := ti.Put
		out, err := c.Client.PutItem(ctx, &dynamodb.PutItemInput{TableName: p.TableName, Item: p.Item,
			ConditionExpression: p.ConditionExpression, ExpressionAttributeNames: p.ExpressionAttributeNames,
			ExpressionAttributeValues: p.ExpressionAttributeValues, ReturnValues: types.ReturnValueAllOld})
		if err != nil {
			return u, err
		}
		u.old = out.Attributes
	case ti.Update != nil:
		p := ti.Update
		out, err := c.Client.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: p.TableName, Key: p.Key,
			UpdateExpression: p.UpdateExpression, ConditionExpression: p.ConditionExpression,
			ExpressionAttributeNames: p.ExpressionAttributeNames, ExpressionAttributeValues: p.ExpressionAttributeValues,
			ReturnValues: types.ReturnValueAllOld})
		if err != nil {
			return u, err
		}
		u.old = out.Attributes
	default:
		p := ti.Delete
		out, err := c.Client.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: p.TableName, Key: p.Key,
			ConditionExpression: p.ConditionExpression, ExpressionAttributeNames: p.ExpressionAttributeNames,
			ExpressionAttributeValues: p.ExpressionAttributeValues, ReturnValues: types.ReturnValueAllOld})
		if err != nil {
			return u, err
		}
		u.old = out.Attributes
	}
	return u, nil
}

// rollback undoes done, last first.
func (c *TxClient) rollback(ctx context.Context, done []undo) error {
	ctx = context.WithoutCancel(ctx)
	for i := len(done) - 1; i >= 0; i-- {
		u := done[i]
		var err error
		if len(u.old) == 0 {
			_, err = c.Client.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(u.table), Key: u.key})
		} else {
			_, err = c.Client.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(u.table), Item: u.old})
		}
		if err != nil {
			return err
		}
	}
	return nil
}
