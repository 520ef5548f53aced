package eventpattern

import (
	"encoding/binary"
	"math/bits"
	"math/rand/v2"
	"testing"
)

// firstSpecial is special's contract computed byte by byte.
func firstSpecial(b []byte) int {
	for i, c := range b {
		if c == '"' || c == '\\' || c < 0x20 {
			return i
		}
	}
	return -1
}

func TestSpecialFindsFirstSpecialByte(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, 8)
	check := func() {
		t.Helper()
		got := -1
		if m := special(binary.LittleEndian.Uint64(b)); m != 0 {
			got = bits.TrailingZeros64(m) / 8
		}
		if want := firstSpecial(b); got != want {
			t.Fatalf("special(% x): got byte %d, want %d", b, got, want)
		}
	}
	for pos := range 8 {
		for c := range 256 {
			for i := range b {
				b[i] = byte('a' + r.IntN(26))
			}
			b[pos] = byte(c)
			check()
		}
	}
	for range 200000 {
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		check()
	}
}

func TestPlainRun(t *testing.T) {
	tests := []struct {
		name string
		s    string
		want int
		high bool
	}{
		{name: "quote first", s: `"abcdefghijklmnopq`, want: 0},
		{name: "quote after 16", s: `abcdefghijklmnop"rstuvwxyzabcdefg`, want: 16},
		{name: "backslash in second word", s: `abcdefghij\lmnopqrstuvwx`, want: 10},
		{name: "control", s: "abc\x01efghijklmnopqrstuvwx", want: 3},
		{name: "non-ASCII before stop", s: "ab\xc3\xbcefgh\"jklmnopqrstuvwx", want: 8, high: true},
		{name: "non-ASCII after stop", s: "abcdefg\"\xc3\xbcjklmnopqrstuvwx", want: 7},
		{name: "short tail left", s: "abcdefghijkl", want: 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, high := plainRun(tt.s, 0)
			if got != tt.want || high != tt.high {
				t.Errorf("got %d, %v, want %d, %v", got, high, tt.want, tt.high)
			}
		})
	}
}
