package execution_test

import (
	"regexp"
	"testing"

	"github.com/stormless/stormless/internal/execution"
)

func TestNewID(t *testing.T) {
	shape := regexp.MustCompile(`^[0-9a-f]{24}$`)
	seen := map[string]bool{}
	for range 10000 {
		id := execution.NewID()
		if !shape.MatchString(id) {
			t.Fatalf("got id %q, want 24 lower-case hex digits", id)
		}
		if seen[id] {
			t.Fatalf("got id %q twice", id)
		}
		seen[id] = true
	}
}
