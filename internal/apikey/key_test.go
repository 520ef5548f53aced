package apikey_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/apikey"
)

func TestNewSecret(t *testing.T) {
	a, ha, err := apikey.NewSecret()
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := apikey.NewSecret()
	if err != nil {
		t.Fatal(err)
	}
	if a == b {
		t.Errorf("got the same key twice: %q", a)
	}
	if len(a) != 43 || strings.ContainsAny(a, "+/=") {
		t.Errorf("got key %q, want 43 URL-safe characters (32 bytes)", a)
	}
	if !bytes.Equal(ha, apikey.Hash(a)) || len(ha) != 32 {
		t.Errorf("got hash %x, want the 32-byte SHA-256 of the key", ha)
	}
}
