package dynamostore

import (
	"errors"
	"testing"

	"github.com/stormless/stormless/internal/execution"
)

// FuzzDecodeToken: page tokens from clients are decoded without panics,
// and anything accepted is a ts this store could have made.
func FuzzDecodeToken(f *testing.F) {
	f.Add(encodeToken("2026-01-02T03:04:05.000000000Z#e1"))
	f.Add("not a token!")
	f.Add("")
	f.Fuzz(func(t *testing.T, tok string) {
		ts, err := decodeToken(tok)
		if err != nil {
			if !errors.Is(err, execution.ErrInvalid) {
				t.Fatalf("got %v, want ErrInvalid", err)
			}
			return
		}
		if encodeToken(ts) != tok && len(tok) > 0 {
			// Base64 without padding may decode a non-canonical token; it
			// must still name a well-formed position.
			if _, err := decodeToken(encodeToken(ts)); err != nil {
				t.Fatalf("re-encoding %q: %v", ts, err)
			}
		}
	})
}
