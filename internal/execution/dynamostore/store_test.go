package dynamostore_test

import (
	"testing"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/dynamostore"
	"github.com/stormless/stormless/internal/execution/storetest"
	"github.com/stormless/stormless/internal/testutil/dynalite"
)

// open returns a store on a fresh table of srv.
func open(t *testing.T, srv *dynalite.Server, opts ...dynamostore.Option) (*dynamostore.Store, *dynalite.TxClient, string) {
	t.Helper()
	client := srv.Client()
	name := dynalite.TableName("audit")
	if err := dynamostore.CreateTable(t.Context(), client, name); err != nil {
		t.Fatal(err)
	}
	tx := dynalite.NewTxClient(client)
	s, err := dynamostore.New(tx, name, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return s, tx, name
}

// TestStore runs the execution.Store conformance suite against dynalite.
func TestStore(t *testing.T) {
	srv := dynalite.Start(t)
	storetest.Run(t, func(t *testing.T) execution.Store {
		s, _, _ := open(t, srv)
		return s
	})
}
