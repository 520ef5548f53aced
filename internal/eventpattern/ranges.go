package eventpattern

import (
	"math"
	"sort"
)

// rangeIndex finds the numeric ranges holding a number: the range bounds
// cut the number line into slots, and each slot lists the states of the
// ranges covering it, so a lookup is one binary search.
type rangeIndex struct {
	pending []numRange
	cuts    []int64
	slots   [][]*state
}

type numRange struct {
	lo, hi int64
	next   *state
}

func (r *rangeIndex) add(lo, hi int64, n *state) {
	if lo <= hi {
		r.pending = append(r.pending, numRange{lo, hi, n})
	}
}

func (r *rangeIndex) finish() {
	if len(r.pending) == 0 {
		return
	}
	for _, x := range r.pending {
		r.cuts = append(r.cuts, x.lo)
		if x.hi < math.MaxInt64 {
			r.cuts = append(r.cuts, x.hi+1)
		}
	}
	sort.Slice(r.cuts, func(i, j int) bool { return r.cuts[i] < r.cuts[j] })
	r.cuts = compactInt64s(r.cuts)
	r.slots = make([][]*state, len(r.cuts)+1)
	for _, x := range r.pending {
		for s := r.slot(x.lo); s <= r.slot(x.hi); s++ {
			r.slots[s] = append(r.slots[s], x.next)
		}
	}
	r.pending = nil
}

// slot returns the number of cuts at or below x.
func (r *rangeIndex) slot(x int64) int {
	return sort.Search(len(r.cuts), func(i int) bool { return r.cuts[i] > x })
}

func (r *rangeIndex) lookup(x int64, out []*state) []*state {
	if r.slots == nil {
		return out
	}
	return append(out, r.slots[r.slot(x)]...)
}

func compactInt64s(s []int64) []int64 {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}
