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
// backslash or a control character, checking sixteen bytes at a time,
// and whether the bytes skipped include non-ASCII ones. Fewer than eight
// bytes before the end of s are left to the caller: the index returned is
// then at most len(s) and the byte there need not be special.
func plainRun(s string, j int) (int, bool) {
	var high uint64
	for ; j+16 <= len(s); j += 16 {
		b := s[j : j+16]
		x := binary.LittleEndian.Uint64([]byte(b[:8]))
		y := binary.LittleEndian.Uint64([]byte(b[8:]))
		if mx, my := special(x), special(y); mx|my != 0 {
			if mx == 0 {
				high, j, x, mx = high|x, j+8, y, my
			}
			return stop(j, x, mx, high)
		}
		high |= x | y
	}
	if j+8 <= len(s) {
		x := binary.LittleEndian.Uint64([]byte(s[j : j+8]))
		if m := special(x); m != 0 {
			return stop(j, x, m, high)
		}
		high |= x
		j += 8
	}
	return j, high&highs != 0
}

// stop finishes plainRun at the first special byte of the word x read at
// j, whose special mask m is not zero.
func stop(j int, x, m, high uint64) (int, bool) {
	n := bits.TrailingZeros64(m) / 8
	high |= x & (1<<(8*n) - 1)
	return j + n, high&highs != 0
}

// special returns a mask whose lowest set bit is the high bit of the first
// byte of x (in memory order) that is '"', '\\' or below 0x20, or zero when
// there is none. Bits above the lowest may be spurious (borrows).
//
// Flipping bit 1 of every byte maps '"' (0x22) to 0x20 and keeps control
// characters below 0x20 while every other byte stays at or above 0x21, so
// one "less than 0x21" test finds both; a second finds backslashes.
func special(x uint64) uint64 {
	y := x ^ (ones * 0x02)
	z := x ^ (ones * '\\')
	return ((y-ones*0x21)&^y | (z-ones)&^z) & highs
}
