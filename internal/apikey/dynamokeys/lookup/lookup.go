// Package lookup finds the user of an API key in the dynamostore table
// with one GetItem: the authorizer function's whole job, kept apart from
// dynamokeys so that function links neither the REST API nor the SDK's
// other services. Keys are found by their SHA-256 (apikey.Hash), the only
// form in which they are stored.
package lookup

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// GetItemAPI is the DynamoDB call a lookup makes.
type GetItemAPI interface {
	GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
}

// Key returns the primary key of the item of the key whose hash is h.
func Key(h []byte) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		"pk": &types.AttributeValueMemberS{Value: "AK#" + hex.EncodeToString(h)},
		"sk": &types.AttributeValueMemberS{Value: "AK"},
	}
}

// Record is what a key's item says of it: its doc attribute.
type Record struct {
	ID      string `json:"id"`
	User    string `json:"user"`
	Enabled bool   `json:"enabled"`
}

// ErrUnknown is returned (wrapped) for a key that is empty, not stored or
// disabled.
var ErrUnknown = errors.New("unknown or disabled api key")

// User returns the user of the enabled key secret in table; an error
// wrapping ErrUnknown when there is none, any other error when the table
// cannot be read.
func User(ctx context.Context, api GetItemAPI, table, secret string) (string, error) {
	if secret == "" {
		return "", fmt.Errorf("no api key: %w", ErrUnknown)
	}
	h := sha256.Sum256([]byte(secret))
	out, err := api.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: Key(h[:])})
	if err != nil {
		return "", fmt.Errorf("reading api keys: %w", err)
	}
	doc, _ := out.Item["doc"].(*types.AttributeValueMemberS)
	if doc == nil {
		return "", fmt.Errorf("api key not found: %w", ErrUnknown)
	}
	var r Record
	if err := json.Unmarshal([]byte(doc.Value), &r); err != nil {
		return "", fmt.Errorf("decoding api key: %w", err)
	}
	if !r.Enabled || r.User == "" {
		return "", fmt.Errorf("api key %s is disabled: %w", r.ID, ErrUnknown)
	}
	return r.User, nil
}
