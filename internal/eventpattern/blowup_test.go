package eventpattern

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestIndependentArraysStayLinear guards against the product blow-up of
// tracking array choices: clauses in independent arrays of objects must
// not multiply the work.
func TestIndependentArraysStayLinear(t *testing.T) {
	var elems []string
	for i := range 300 {
		elems = append(elems, fmt.Sprintf(`{"x":%d,"y":%d}`, i, i))
	}
	arr := "[" + strings.Join(elems, ",") + "]"
	event := fmt.Sprintf(`{"a":%s,"b":%s,"c":%s,"d":%s}`, arr, arr, arr, arr)
	pattern := `{"a":{"x":[{"exists":true}],"y":[{"numeric":[">=",0]}]},"b":{"x":[{"exists":true}]},` +
		`"c":{"x":[{"exists":true}]},"d":{"x":[{"exists":true}],"y":[299]}}`
	start := time.Now()
	if !matchBoth(t, []byte(pattern), []byte(event)) {
		t.Error("got no match, want match")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("got %v, want well under 2s", d)
	}
}
