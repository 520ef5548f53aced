package eventpattern

import (
	"encoding/binary"
	"math/bits"
)

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// plainRun returns the first index at or after j where s holds a quote, a
// backslash or a control character, checking eight bytes at a time, and
// whether the bytes skipped include non-ASCII ones. Fewer than eight bytes
// before the end of s are left to the caller: the index returned is then
// at most len(s) and the byte there need not be special.
func plainRun(s string, j int) (int, bool) {
	var high uint64
	for ; j+8 <= len(s); j += 8 {
		x := binary.LittleEndian.Uint64([]byte(s[j : j+8]))
		if m := special(x); m != 0 {
			n := bits.TrailingZeros64(m) / 8
			high |= x & (1<<(8*n) - 1)
			return j + n, high&highs != 0
		}
		high |= x
	}
	return j, high&highs != 0
}

// special returns a mask whose lowest set bit is the high bit of the first
// byte of x (in memory order) that is '"', '\\' or below 0x20, or zero when
// there is none. Bits above the lowest may be spurious (borrows).
func special(x uint64) uint64 {
	quote := x ^ (ones * '"')
	slash := x ^ (ones * '\\')
	return ((quote-ones)&^quote | (slash-ones)&^slash | (x-ones*0x20)&^x) & highs
}
