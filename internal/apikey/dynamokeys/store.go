// Package dynamokeys is the API key store (apikey.Store) in the DynamoDB
// table of dynamostore: what the authorizer and api functions check keys
// against on AWS. Keys are stored as their SHA-256 only; the item of a key
// is keyed by that hash (pk AK#<hex hash>, sk AK), so Authenticate is one
// GetItem, and listed through the table's kind-ts and g1-ts indexes (kind
// AK, g1 AK#<key id>), as dynamostore's package documentation lays out.
package dynamokeys

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/apikey"
	"github.com/stormless/stormless/internal/apikey/dynamokeys/lookup"
	"github.com/stormless/stormless/internal/execution/dynamostore"
)

// API is the part of the DynamoDB client the store calls.
type API interface {
	GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(ctx context.Context, in *dynamodb.PutItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	DeleteItem(ctx context.Context, in *dynamodb.DeleteItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error)
	Query(ctx context.Context, in *dynamodb.QueryInput, opts ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
}

// Store keeps API keys in one table. It is safe for concurrent use.
type Store struct {
	api   API
	table string
	now   func() time.Time
}

var (
	_ apikey.Store      = (*Store)(nil)
	_ api.Authenticator = (*Store)(nil)
)

// kind is the record kind of API keys in the table.
const kind = "AK"

// New returns the key store of table through client.
func New(client API, table string) (*Store, error) {
	if client == nil || table == "" {
		return nil, errors.New("creating dynamodb key store: a client and a table name are required")
	}
	return &Store{api: client, table: table, now: time.Now}, nil
}

func sv(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }

// primary returns the key of the item of the key whose hash is h.
func primary(h []byte) map[string]types.AttributeValue { return lookup.Key(h) }

// Create makes an enabled key for user and returns it with its secret.
func (s *Store) Create(ctx context.Context, user string, metadata map[string]string) (apikey.Key, string, error) {
	if user == "" {
		return apikey.Key{}, "", errors.New("creating api key: empty user")
	}
	secret, hash, err := apikey.NewSecret()
	if err != nil {
		return apikey.Key{}, "", err
	}
	id, err := apikey.NewID()
	if err != nil {
		return apikey.Key{}, "", err
	}
	k := apikey.Key{ID: id, User: user, CreatedAt: s.now().UTC().Truncate(time.Microsecond), Enabled: true, Metadata: metadata}
	doc, err := json.Marshal(k)
	if err != nil {
		return apikey.Key{}, "", fmt.Errorf("encoding api key: %w", err)
	}
	d := dynamostore.Design
	it := primary(hash)
	it["kind"] = sv(kind)
	it[d.GSIs[0].SortKey] = sv(k.CreatedAt.Format("2006-01-02T15:04:05.000000000Z") + "#" + id)
	it[d.GSIs[1].PartitionKey] = sv(kind + "#" + id)
	it["doc"] = sv(string(doc))
	_, err = s.api.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: it,
		ConditionExpression: aws.String("attribute_not_exists(" + d.PartitionKey + ")")})
	if err != nil {
		return apikey.Key{}, "", fmt.Errorf("storing api key %s: %w", id, err)
	}
	return k, secret, nil
}

// List returns every key, oldest first, without secrets.
func (s *Store) List(ctx context.Context) ([]apikey.Key, error) {
	g := dynamostore.Design.GSIs[0]
	var out []apikey.Key
	err := s.query(ctx, g, kind, func(it map[string]types.AttributeValue) error {
		k, err := decode(it)
		out = append(out, k)
		return err
	})
	return out, err
}

// query visits every item of index g's partition v, in order.
func (s *Store) query(ctx context.Context, g dynamostore.GSI, v string, visit func(map[string]types.AttributeValue) error) error {
	in := &dynamodb.QueryInput{TableName: aws.String(s.table), IndexName: aws.String(g.Name),
		KeyConditionExpression:    aws.String("#k = :v"),
		ExpressionAttributeNames:  map[string]string{"#k": g.PartitionKey},
		ExpressionAttributeValues: map[string]types.AttributeValue{":v": sv(v)}}
	for {
		out, err := s.api.Query(ctx, in)
		if err != nil {
			return fmt.Errorf("listing api keys: %w", err)
		}
		for _, it := range out.Items {
			if err := visit(it); err != nil {
				return err
			}
		}
		if len(out.LastEvaluatedKey) == 0 {
			return nil
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}

// decode returns the key an item holds.
func decode(it map[string]types.AttributeValue) (apikey.Key, error) {
	var k apikey.Key
	doc, _ := it["doc"].(*types.AttributeValueMemberS)
	if doc == nil {
		return k, errors.New("decoding api key: no doc attribute")
	}
	if err := json.Unmarshal([]byte(doc.Value), &k); err != nil {
		return k, fmt.Errorf("decoding api key: %w", err)
	}
	return k, nil
}

// Delete removes the key with id; ErrNotFound when there is none.
func (s *Store) Delete(ctx context.Context, id string) error {
	d := dynamostore.Design
	var keys []map[string]types.AttributeValue
	err := s.query(ctx, d.GSIs[1], kind+"#"+id, func(it map[string]types.AttributeValue) error {
		keys = append(keys, map[string]types.AttributeValue{d.PartitionKey: it[d.PartitionKey], d.SortKey: it[d.SortKey]})
		return nil
	})
	if err != nil {
		return err
	}
	if len(keys) == 0 {
		return fmt.Errorf("deleting api key %s: %w", id, apikey.ErrNotFound)
	}
	for _, k := range keys {
		if _, err := s.api.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(s.table), Key: k}); err != nil {
			return fmt.Errorf("deleting api key %s: %w", id, err)
		}
	}
	return nil
}

// Authenticate returns the user of the enabled key secret.
func (s *Store) Authenticate(ctx context.Context, secret string) (string, error) {
	user, err := lookup.User(ctx, s.api, s.table, secret)
	if errors.Is(err, lookup.ErrUnknown) {
		return "", fmt.Errorf("authenticating: %w: %w", err, apikey.ErrUnauthorized)
	}
	if err != nil {
		return "", fmt.Errorf("authenticating: %w", err)
	}
	return user, nil
}
