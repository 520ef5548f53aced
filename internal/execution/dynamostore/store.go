package dynamostore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/stormless/stormless/internal/execution"
)

// API is the part of the DynamoDB client the store calls; *dynamodb.Client
// satisfies it, and tests wrap it.
type API interface {
	GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(ctx context.Context, in *dynamodb.PutItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	UpdateItem(ctx context.Context, in *dynamodb.UpdateItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
	DeleteItem(ctx context.Context, in *dynamodb.DeleteItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error)
	Query(ctx context.Context, in *dynamodb.QueryInput, opts ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
	BatchWriteItem(ctx context.Context, in *dynamodb.BatchWriteItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error)
	TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, opts ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error)
}

var _ API = (*dynamodb.Client)(nil)

// Store is the audit trail in one DynamoDB table laid out as Design. It
// is safe for concurrent use; every method returns once DynamoDB
// acknowledged its writes.
type Store struct {
	api       API
	table     string
	retention time.Duration
}

var _ execution.Store = (*Store)(nil)

// Option configures a Store.
type Option func(*Store) error

// WithRetention sets the expires attribute of records to their ending
// time plus d, so DynamoDB's TTL deletes them; 0 (the default) keeps
// records until Purge.
func WithRetention(d time.Duration) Option {
	return func(s *Store) error {
		if d < 0 {
			return fmt.Errorf("retention %v is negative", d)
		}
		s.retention = d
		return nil
	}
}

// New returns a store on table through api. The table must exist with
// Design's keys and indexes (CreateTable makes one).
func New(api API, table string, opts ...Option) (*Store, error) {
	if api == nil {
		return nil, errors.New("creating dynamodb store: nil client")
	}
	if table == "" {
		return nil, errors.New("creating dynamodb store: empty table name")
	}
	s := &Store{api: api, table: table}
	for _, o := range opts {
		if err := o(s); err != nil {
			return nil, fmt.Errorf("creating dynamodb store: %w", err)
		}
	}
	return s, nil
}

// expires returns the TTL value of a record that ended at t, and false
// without retention.
func (s *Store) expires(t time.Time) (int64, bool) {
	if s.retention == 0 || t.IsZero() {
		return 0, false
	}
	return t.Add(s.retention).Unix(), true
}
