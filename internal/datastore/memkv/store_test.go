package memkv_test

import (
	"testing"
	"time"

	"github.com/stormless/stormless/internal/datastore"
	"github.com/stormless/stormless/internal/datastore/datastoretest"
	"github.com/stormless/stormless/internal/datastore/memkv"
)

func TestConformance(t *testing.T) {
	datastoretest.Run(t, func(t *testing.T, now func() time.Time) datastore.Store {
		s, err := memkv.New(memkv.WithClock(now))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}
