package dynamokeys_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/stormless/stormless/internal/apikey"
	"github.com/stormless/stormless/internal/apikey/dynamokeys"
	"github.com/stormless/stormless/internal/apikey/dynamokeys/lookup"
	"github.com/stormless/stormless/internal/execution/dynamostore"
	"github.com/stormless/stormless/internal/testutil/dynalite"
)

func TestStore(t *testing.T) {
	srv := dynalite.Start(t)
	client := srv.Client()
	ctx := t.Context()
	table := dynalite.TableName("keys")
	if err := dynamostore.CreateTable(ctx, client, table); err != nil {
		t.Fatal(err)
	}
	s, err := dynamokeys.New(client, table)
	if err != nil {
		t.Fatal(err)
	}
	a, secretA, err := s.Create(ctx, "alice", map[string]string{"purpose": "ci"})
	if err != nil {
		t.Fatal(err)
	}
	b, secretB, err := s.Create(ctx, "bob", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ secret, want string }{{secretA, "alice"}, {secretB, "bob"}} {
		if got, err := s.Authenticate(ctx, tt.secret); err != nil || got != tt.want {
			t.Errorf("authenticate: got %q, %v; want %s", got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "nope", secretA + "x"} {
		if _, err := s.Authenticate(ctx, bad); !errors.Is(err, apikey.ErrUnauthorized) {
			t.Errorf("authenticate %q: got %v, want ErrUnauthorized", bad, err)
		}
	}
	keys, err := s.List(ctx)
	if err != nil || len(keys) != 2 || keys[0].ID != a.ID || keys[1].ID != b.ID || keys[0].Metadata["purpose"] != "ci" {
		t.Fatalf("list: got %+v, %v; want alice's then bob's key", keys, err)
	}
	scan, err := client.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String(table)})
	if err != nil {
		t.Fatal(err)
	}
	if len(scan.Items) != 2 {
		t.Fatalf("got %d items, want 2", len(scan.Items))
	}
	for _, it := range scan.Items {
		for name, v := range it {
			s, ok := v.(*types.AttributeValueMemberS)
			if ok && (strings.Contains(s.Value, secretA) || strings.Contains(s.Value, secretB)) {
				t.Errorf("attribute %s holds a secret", name)
			}
		}
	}
	if err := s.Delete(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, secretA); !errors.Is(err, apikey.ErrUnauthorized) {
		t.Errorf("deleted key: got %v, want ErrUnauthorized", err)
	}
	if err := s.Delete(ctx, a.ID); !errors.Is(err, apikey.ErrNotFound) {
		t.Errorf("delete twice: got %v, want ErrNotFound", err)
	}
	if _, _, err := s.Create(ctx, "", nil); err == nil {
		t.Error("create for no user: got no error")
	}
}

// TestLookupKeyMatchesHash keeps lookup's hash in step with apikey.Hash.
func TestLookupKeyMatchesHash(t *testing.T) {
	got := lookup.Key(apikey.Hash("s3cret"))["pk"].(*types.AttributeValueMemberS).Value
	srv := dynalite.Start(t)
	client := srv.Client()
	table := dynalite.TableName("keys")
	if err := dynamostore.CreateTable(t.Context(), client, table); err != nil {
		t.Fatal(err)
	}
	if _, err := lookup.User(t.Context(), client, table, "s3cret"); !errors.Is(err, lookup.ErrUnknown) {
		t.Errorf("unknown key: got %v, want ErrUnknown", err)
	}
	if !strings.HasPrefix(got, "AK#") || len(got) != 3+64 {
		t.Errorf("got key %q, want AK# and a hex SHA-256", got)
	}
}
