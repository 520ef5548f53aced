package eventpattern

import (
	"strings"
	"unsafe"
)

// opEntry is one filter of a short transition list, next to the state it
// leads to. The common filters (exact, prefix, numeric, exists, and
// anything-but of one string) are matched from the entry alone, which is
// small and holds its string in the machine's text arena, so scanning a
// list touches few cache lines; other filters are matched through op.
type opEntry struct {
	kind   opKind // the filter matched inline, or 0 to use op
	vkind  kind   // opExact, opButExact: the literal's type
	inRng  bool   // opExact numbers: lo is the value in micro units
	str    string // opExact and opButExact strings, opPrefix
	lo, hi int64  // opNumeric bounds; opExact numbers: lo
	op     *op
	next   *state
}

// newOpEntry makes the entry for o, copying its string into text.
func newOpEntry(o *op, next *state, text *textArena) opEntry {
	e := opEntry{op: o, next: next}
	switch {
	case o.kind == opExact && (o.val.kind != kindNumber || o.val.inRng):
		e.kind, e.vkind, e.inRng, e.lo = opExact, o.val.kind, o.val.inRng, o.val.micro
		if o.val.kind == kindString {
			e.str = text.copy(o.val.str)
		}
	case o.kind == opPrefix:
		e.kind, e.str = opPrefix, text.copy(o.str)
	case o.kind == opNumeric:
		e.kind, e.lo, e.hi = opNumeric, o.lo, o.hi
	case o.kind == opExists:
		e.kind = opExists
	case o.kind == opButExact && len(o.vals) == 1 && o.vals[0].kind == kindString:
		e.kind, e.vkind, e.str = opButExact, kindString, text.copy(o.vals[0].str)
	}
	return e
}

// match reports whether v satisfies the entry's filter, as op.match does.
func (e *opEntry) match(v *value) bool {
	switch e.kind {
	case opExact:
		return e.matchExact(v)
	case opPrefix:
		return v.kind == kindString && strings.HasPrefix(v.str, e.str)
	case opNumeric:
		return v.kind == kindNumber && v.inRng && e.lo <= v.micro && v.micro <= e.hi
	case opExists:
		return true
	case opButExact:
		return v.kind != kindString || v.str != e.str
	}
	return e.op.match(*v)
}

func (e *opEntry) matchExact(v *value) bool {
	switch {
	case v.kind != e.vkind:
		return false
	case v.kind == kindString:
		return v.str == e.str
	case v.kind == kindNumber:
		return v.inRng && v.micro == e.lo
	}
	return true
}

// textArena stores strings back to back in chunks, so the strings of
// neighbouring entries share cache lines. Stored bytes never change.
type textArena struct{ free []byte }

const textChunk = 4096

// copy returns a copy of s in the arena (s itself when it is empty or long).
func (a *textArena) copy(s string) string {
	if len(s) == 0 || len(s) > textChunk/4 {
		return s
	}
	if len(s) > cap(a.free)-len(a.free) {
		a.free = make([]byte, 0, textChunk)
	}
	start := len(a.free)
	a.free = append(a.free, s...)
	return unsafe.String(&a.free[start], len(s))
}
