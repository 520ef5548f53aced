package eventpattern

import (
	"fmt"
	"strings"
	"testing"
)

// TestManyExactStrings puts enough exact strings on one field for the
// indexed transitions (strTable), of lengths around the 8-byte word, with
// shared ends, and checks the Matcher against the reference.
func TestManyExactStrings(t *testing.T) {
	var values []string
	for i := range 40 {
		values = append(values, strings.Repeat("x", i%12)+fmt.Sprint(i%7), fmt.Sprintf("prefix-%d-suffix", i))
	}
	values = append(values, "", "é", "x\u0000")
	var patterns [][]byte
	for _, v := range values {
		patterns = append(patterns, fmt.Appendf(nil, `{"a":[%q]}`, v))
	}
	for _, v := range append(values, "absent", "prefix-1-suffi", "xxxxxxxxxxxx0") {
		checkAgree(t, patterns, fmt.Appendf(nil, `{"a":%q}`, v))
	}
}
