package eventpattern

import "sort"

// trans is a state's transitions on one path: a short list of filters
// checked one by one, or an index when there are many.
type trans struct {
	path  int32
	short []opEntry
	idx   *transIndex
}

// lookup appends to out the states v leads to.
func (t *trans) lookup(v *value, out []*state) []*state {
	if t.idx != nil {
		return t.idx.lookup(v, out)
	}
	for i := range t.short {
		if e := &t.short[i]; e.match(v) {
			out = append(out, e.next)
		}
	}
	return out
}

// transIndex indexes transitions by value: hash maps for exact and
// case-folded values, hash maps per length for prefixes and suffixes,
// ordered ranges for numbers; wildcard, CIDR and anything-but filters are
// checked one by one.
type transIndex struct {
	path       int32
	strs       map[string][]*state // while building
	strTab     strTable
	nums       map[int64][]*state
	bigs       map[float64][]*state
	lits       [kindNull + 1][]*state // true, false, null
	folds      map[string][]*state
	prefix     affixIndex
	prefixFold affixIndex
	suffix     affixIndex
	suffixFold affixIndex
	ranges     rangeIndex
	any        []*state // exists:true
	others     []opNext
	all        []opNext // every filter, for the short form
}

// smallTrans is the number of filters up to which a linear scan is used.
const smallTrans = 6

type opNext struct {
	op   *op
	next *state
}

func (t *transIndex) add(o *op, n *state) {
	t.all = append(t.all, opNext{op: o, next: n})
	switch o.kind {
	case opExact:
		t.addExact(o.val, n)
	case opFold:
		t.folds = addTo(t.folds, o.str, n)
	case opPrefix:
		t.prefix.add(o.str, n)
	case opPrefixFold:
		t.prefixFold.add(o.str, n)
	case opSuffix:
		t.suffix.add(o.str, n)
	case opSuffixFold:
		t.suffixFold.add(o.str, n)
	case opNumeric:
		t.ranges.add(o.lo, o.hi, n)
	case opExists:
		t.any = append(t.any, n)
	default:
		t.others = append(t.others, opNext{op: o, next: n})
	}
}

func (t *transIndex) addExact(v value, n *state) {
	switch {
	case v.kind == kindString:
		t.strs = addTo(t.strs, v.str, n)
	case v.kind == kindNumber && v.inRng:
		if t.nums == nil {
			t.nums = map[int64][]*state{}
		}
		t.nums[v.micro] = append(t.nums[v.micro], n)
	case v.kind == kindNumber:
		if t.bigs == nil {
			t.bigs = map[float64][]*state{}
		}
		t.bigs[v.big] = append(t.bigs[v.big], n)
	default:
		t.lits[v.kind] = append(t.lits[v.kind], n)
	}
}

func addTo(m map[string][]*state, k string, n *state) map[string][]*state {
	if m == nil {
		m = map[string][]*state{}
	}
	m[k] = append(m[k], n)
	return m
}

// finish returns t with its indexes frozen, or nil when t is short enough
// for a linear scan of t.all.
func (t *transIndex) finish() *transIndex {
	if len(t.all) <= smallTrans {
		return nil
	}
	t.all = nil
	t.strTab, t.strs = newStrTable(t.strs), nil
	t.prefix.finish()
	t.prefixFold.finish()
	t.suffix.finish()
	t.suffixFold.finish()
	t.ranges.finish()
	return t
}

// lookup appends to out the states v leads to.
func (t *transIndex) lookup(v *value, out []*state) []*state {
	switch v.kind {
	case kindString:
		out = t.lookupString(v.str, out)
	case kindNumber:
		out = t.lookupNumber(v, out)
	default:
		out = append(out, t.lits[v.kind]...)
	}
	out = append(out, t.any...)
	for _, on := range t.others {
		if on.op.match(*v) {
			out = append(out, on.next)
		}
	}
	return out
}

func (t *transIndex) lookupString(s string, out []*state) []*state {
	out = append(out, t.strTab.lookup(s)...)
	out = t.prefix.lookup(s, false, out)
	out = t.suffix.lookup(s, true, out)
	if t.folds == nil && t.prefixFold.m == nil && t.suffixFold.m == nil {
		return out
	}
	f := fold(s)
	out = append(out, t.folds[f]...)
	out = t.prefixFold.lookup(f, false, out)
	return t.suffixFold.lookup(f, true, out)
}

func (t *transIndex) lookupNumber(v *value, out []*state) []*state {
	if !v.inRng {
		return append(out, t.bigs[v.big]...)
	}
	out = append(out, t.nums[v.micro]...)
	return t.ranges.lookup(v.micro, out)
}

// affixIndex finds prefixes (or suffixes) of a string with one hash lookup
// per distinct affix length.
type affixIndex struct {
	m    map[string][]*state
	lens []int
}

func (a *affixIndex) add(s string, n *state) {
	if _, ok := a.m[s]; !ok {
		a.lens = append(a.lens, len(s))
	}
	a.m = addTo(a.m, s, n)
}

func (a *affixIndex) finish() {
	sort.Ints(a.lens)
	a.lens = compactInts(a.lens)
}

func (a *affixIndex) lookup(s string, suffix bool, out []*state) []*state {
	for _, l := range a.lens {
		if l > len(s) {
			break
		}
		k := s[:l]
		if suffix {
			k = s[len(s)-l:]
		}
		out = append(out, a.m[k]...)
	}
	return out
}

func compactInts(s []int) []int {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// relocate points t at the moved states: to maps a state id to its new
// address.
func (t *trans) relocate(to []*state) {
	for i := range t.short {
		t.short[i].next = to[t.short[i].next.id]
	}
	if t.idx != nil {
		t.idx.relocate(to)
	}
}

func (t *transIndex) relocate(to []*state) {
	move := func(list []*state) {
		for i, s := range list {
			list[i] = to[s.id]
		}
	}
	for _, e := range t.strTab.slots {
		move(e.next)
	}
	for _, m := range []map[string][]*state{t.folds, t.prefix.m, t.prefixFold.m, t.suffix.m, t.suffixFold.m} {
		for _, list := range m {
			move(list)
		}
	}
	for _, list := range t.nums {
		move(list)
	}
	for _, list := range t.bigs {
		move(list)
	}
	for _, list := range t.lits {
		move(list)
	}
	for _, list := range t.ranges.slots {
		move(list)
	}
	move(t.any)
	for i := range t.others {
		t.others[i].next = to[t.others[i].next.id]
	}
}
