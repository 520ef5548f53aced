package sqlitekv_test

import (
	"errors"
	"testing"
)

// must fails t on err.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// errorsIs is errors.Is.
func errorsIs(err, target error) bool { return errors.Is(err, target) }
