package dynalite

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func key(pk string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: pk}}
}

// TestTxClient checks the emulation: all or nothing, DynamoDB's
// cancellation reasons, one action per item.
func TestTxClient(t *testing.T) {
	srv := Start(t)
	client := srv.Client()
	ctx := t.Context()
	table := TableName("tx")
	_, err := client.CreateTable(ctx, &dynamodb.CreateTableInput{TableName: aws.String(table),
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
		BillingMode:          types.BillingModePayPerRequest})
	if err != nil {
		t.Fatal(err)
	}
	for range 100 {
		out, err := client.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(table)})
		if err == nil && out.Table.TableStatus == types.TableStatusActive {
			break
		}
	}
	tx := NewTxClient(client)
	put := func(pk string) types.TransactWriteItem {
		return types.TransactWriteItem{Put: &types.Put{TableName: aws.String(table), Item: key(pk),
			ConditionExpression: aws.String("attribute_not_exists(pk)")}}
	}
	if _, err := tx.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{put("a")}}); err != nil {
		t.Fatal(err)
	}
	_, err = tx.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{put("b"), put("a")}})
	var tc *types.TransactionCanceledException
	if !errors.As(err, &tc) || len(tc.CancellationReasons) != 2 || aws.ToString(tc.CancellationReasons[1].Code) != "ConditionalCheckFailed" ||
		aws.ToString(tc.CancellationReasons[0].Code) != "None" {
		t.Fatalf("got %v, want a cancellation naming action 1", err)
	}
	out, err := tx.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: key("b"), ConsistentRead: aws.Bool(true)})
	if err != nil || len(out.Item) != 0 {
		t.Errorf("item b of the cancelled transaction: got %v, %v; want none", out.Item, err)
	}
	if _, err := tx.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{put("c"), put("c")}}); err == nil {
		t.Error("two actions on one item: got no error")
	}
}
