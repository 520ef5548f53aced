package dynamostore_test

import (
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/dynamostore"
	"github.com/stormless/stormless/internal/testutil/dynalite"
)

// TestRetention checks the TTL attribute: set when a record ends (an
// execution at its final status, not before), absent without retention.
func TestRetention(t *testing.T) {
	srv := dynalite.Start(t)
	ctx := t.Context()
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	expires := func(t *testing.T, tx *dynalite.TxClient, table, pk, sk string) string {
		t.Helper()
		out, err := tx.Client.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table),
			Key: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: pk}, "sk": &types.AttributeValueMemberS{Value: sk}}})
		if err != nil {
			t.Fatal(err)
		}
		v, _ := out.Item[dynamostore.Design.TTLAttribute].(*types.AttributeValueMemberN)
		if v == nil {
			return ""
		}
		return v.Value
	}
	e := execution.Execution{ID: "e", Action: execution.Action{Ref: "core.noop"}, Status: execution.StatusRequested, StartTimestamp: start}
	ti := execution.TriggerInstance{ID: "ti", Trigger: "core.st2.webhook", Payload: []byte(`{}`), OccurrenceTime: start, Status: execution.TriggerProcessing}

	s, tx, table := open(t, srv, dynamostore.WithRetention(48*time.Hour))
	must(t, s.CreateExecution(ctx, e))
	must(t, s.CreateTriggerInstance(ctx, ti))
	if got := expires(t, tx, table, "EX#e", "EX"); got != "" {
		t.Errorf("requested execution: got expires %s, want none", got)
	}
	want := strconv.FormatInt(start.Add(48*time.Hour).Unix(), 10)
	if got := expires(t, tx, table, "TI#ti", "TI"); got != want {
		t.Errorf("trigger instance: got expires %q, want %q", got, want)
	}
	end := start.Add(time.Hour)
	for _, c := range []execution.Change{{From: "requested", To: "scheduled", At: end}, {From: "scheduled", To: "running", At: end}, {From: "running", To: "succeeded", At: end}} {
		_, err := s.TransitionExecution(ctx, "e", c)
		must(t, err)
	}
	want = strconv.FormatInt(end.Add(48*time.Hour).Unix(), 10)
	if got := expires(t, tx, table, "EX#e", "EX"); got != want {
		t.Errorf("succeeded execution: got expires %q, want %q", got, want)
	}

	plain, tx2, table2 := open(t, srv)
	must(t, plain.CreateTriggerInstance(ctx, ti))
	if got := expires(t, tx2, table2, "TI#ti", "TI"); got != "" {
		t.Errorf("without retention: got expires %s, want none", got)
	}
	if _, err := dynamostore.New(tx, table, dynamostore.WithRetention(-time.Second)); err == nil {
		t.Error("negative retention: got no error")
	}
}

// TestCreateTableInput checks that the table CreateTable makes is Design.
func TestCreateTableInput(t *testing.T) {
	in := dynamostore.CreateTableInput("x")
	if got := aws.ToString(in.KeySchema[0].AttributeName); got != dynamostore.Design.PartitionKey {
		t.Errorf("partition key: got %s, want %s", got, dynamostore.Design.PartitionKey)
	}
	if len(in.GlobalSecondaryIndexes) != len(dynamostore.Design.GSIs) {
		t.Fatalf("got %d GSIs, want %d", len(in.GlobalSecondaryIndexes), len(dynamostore.Design.GSIs))
	}
	for i, g := range dynamostore.Design.GSIs {
		got := in.GlobalSecondaryIndexes[i]
		if aws.ToString(got.IndexName) != g.Name || aws.ToString(got.KeySchema[0].AttributeName) != g.PartitionKey ||
			aws.ToString(got.KeySchema[1].AttributeName) != g.SortKey {
			t.Errorf("GSI %d: got %s(%s, %s), want %+v", i, aws.ToString(got.IndexName),
				aws.ToString(got.KeySchema[0].AttributeName), aws.ToString(got.KeySchema[1].AttributeName), g)
		}
	}
}

// must fails t on err.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestTaskTokens keeps and reads an inquiry's task token.
func TestTaskTokens(t *testing.T) {
	srv := dynalite.Start(t)
	_, tx, table := open(t, srv)
	s := dynamostore.TaskTokenStore{API: tx.Client, Table: table}
	ctx := t.Context()
	if _, err := s.Get(ctx, "q1"); !errors.Is(err, dynamostore.ErrNoTaskToken) {
		t.Errorf("missing token: got %v, want ErrNoTaskToken", err)
	}
	must(t, s.Put(ctx, "q1", "token-1"))
	must(t, s.Put(ctx, "q1", "token-2"))
	if got, err := s.Get(ctx, "q1"); err != nil || got != "token-2" {
		t.Errorf("got %q, %v; want token-2", got, err)
	}
}
