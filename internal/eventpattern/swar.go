package eventpattern

import "encoding/binary"

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// plainRun returns the first index at or after j where s holds a quote, a
// backslash or a control character, checking eight bytes at a time, and
// whether the bytes skipped include non-ASCII ones.
func plainRun(s string, j int) (int, bool) {
	var high uint64
	for ; j+8 <= len(s); j += 8 {
		x := binary.LittleEndian.Uint64([]byte(s[j : j+8]))
		if special(x) {
			break
		}
		high |= x
	}
	return j, high&highs != 0
}

// special reports whether any byte of x is '"', '\\' or below 0x20.
func special(x uint64) bool {
	quote := x ^ (ones * '"')
	slash := x ^ (ones * '\\')
	return ((quote-ones)&^quote|(slash-ones)&^slash|(x-ones*0x20)&^x)&highs != 0
}
