package eventpattern

import "math/bits"

// strTable maps exact strings to states: open addressing over keyWord,
// with the key and its states stored in the slot, so a lookup reads one
// or two adjacent slots instead of a map's buckets.
type strTable struct {
	slots []strSlot
	shift uint8
}

type strSlot struct {
	word uint64
	key  string
	next []*state // never empty in a used slot
}

// strSeed is the multiplier of strTable's keyHash.
const strSeed = 0x9E3779B97F4A7C15

// newStrTable builds a table of m at most half full.
func newStrTable(m map[string][]*state) strTable {
	if len(m) == 0 {
		return strTable{}
	}
	size := 2
	for size < 2*len(m) {
		size *= 2
	}
	t := strTable{slots: make([]strSlot, size), shift: uint8(64 - bits.TrailingZeros(uint(size)))}
	for k, next := range m {
		w := keyWord(k)
		i := keyHash(w, strSeed, t.shift)
		for t.slots[i].next != nil {
			i = (i + 1) & uint64(size-1)
		}
		t.slots[i] = strSlot{word: w, key: k, next: next}
	}
	return t
}

// lookup returns the states for s, or nil.
func (t *strTable) lookup(s string) []*state {
	if len(t.slots) == 0 {
		return nil
	}
	w := keyWord(s)
	mask := uint64(len(t.slots) - 1)
	for i := keyHash(w, strSeed, t.shift); ; i = (i + 1) & mask {
		e := &t.slots[i]
		if e.next == nil {
			return nil
		}
		if e.word == w && e.key == s {
			return e.next
		}
	}
}
