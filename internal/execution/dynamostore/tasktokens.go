package dynamostore

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TokenAPI is the part of the DynamoDB client TaskTokenStore calls.
type TokenAPI interface {
	GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(ctx context.Context, in *dynamodb.PutItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
}

// TaskTokenStore keeps the Step Functions task token each inquiry's
// workflow task waits on, in the table (pk TT#<inquiry id>, sk TT): on AWS
// the runner function that asks and the api function that answers are
// different processes. It is safe for concurrent use.
type TaskTokenStore struct {
	API   TokenAPI
	Table string
}

// ErrNoTaskToken is returned (wrapped) for an inquiry no task token was
// kept for.
var ErrNoTaskToken = errors.New("no task token")

func tokenKey(id string) item { return item{attrPK: sv("TT#" + id), attrSK: sv("TT")} }

// Put keeps token for inquiry id (replacing one kept before: a task asked
// again after a retry).
func (s TaskTokenStore) Put(ctx context.Context, id, token string) error {
	it := tokenKey(id)
	it["token"] = sv(token)
	if _, err := s.API.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.Table), Item: it}); err != nil {
		return fmt.Errorf("keeping the task token of inquiry %s: %w", id, err)
	}
	return nil
}

// Get returns the token of inquiry id, or an error wrapping ErrNoTaskToken.
func (s TaskTokenStore) Get(ctx context.Context, id string) (string, error) {
	out, err := s.API.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(s.Table), Key: tokenKey(id), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return "", fmt.Errorf("reading the task token of inquiry %s: %w", id, err)
	}
	v, _ := out.Item["token"].(*types.AttributeValueMemberS)
	if v == nil {
		return "", fmt.Errorf("inquiry %s: %w", id, ErrNoTaskToken)
	}
	return v.Value, nil
}
