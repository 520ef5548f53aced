package dynamostore

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// notExists is the condition of every create.
const notExists = "attribute_not_exists(pk)"

// exists is the condition of every change of an existing record.
const exists = "attribute_exists(pk)"

// create puts it unless a record with its key exists (ErrConflict).
func (s *Store) create(ctx context.Context, kind, id string, it item) error {
	_, err := s.api.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: aws.String(s.table), Item: it, ConditionExpression: aws.String(notExists),
	})
	switch {
	case conditionFailed(err):
		return conflict(kind, id, "exists")
	case err != nil:
		return storageErr("creating "+kindName(kind)+" "+id, err)
	}
	return nil
}

// get reads the record of kind with id, strongly consistent; ErrNotFound
// when there is none.
func (s *Store) get(ctx context.Context, kind, id string) (item, error) {
	out, err := s.api.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String(s.table), Key: key(kind, id), ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		return nil, storageErr("reading "+kindName(kind)+" "+id, err)
	}
	if len(out.Item) == 0 {
		return nil, notFound(kind, id)
	}
	return out.Item, nil
}

// existsOrConflict answers after a failed condition on record id: ErrNotFound
// when it is gone, else ErrConflict with why.
func (s *Store) existsOrConflict(ctx context.Context, kind, id, why string) error {
	if _, err := s.get(ctx, kind, id); err != nil {
		return err
	}
	return conflict(kind, id, why)
}
