package eventpattern

import (
	"net/netip"
	"strconv"
	"strings"
)

// opKind names a content filter.
type opKind uint8

const (
	opExact       opKind = iota + 1 // a literal: string, number, true, false, null
	opPrefix                        // {"prefix": s}
	opPrefixFold                    // {"prefix": {"equals-ignore-case": s}}
	opSuffix                        // {"suffix": s}
	opSuffixFold                    // {"suffix": {"equals-ignore-case": s}}
	opFold                          // {"equals-ignore-case": s}
	opWildcard                      // {"wildcard": s}
	opNumeric                       // {"numeric": [...]}
	opCIDR                          // {"cidr": "10.0.0.0/8"}
	opExists                        // {"exists": true}
	opAbsent                        // {"exists": false}
	opButExact                      // {"anything-but": v or [v...]}
	opButPrefix                     // {"anything-but": {"prefix": ...}}
	opButSuffix                     // {"anything-but": {"suffix": ...}}
	opButFold                       // {"anything-but": {"equals-ignore-case": ...}}
	opButWildcard                   // {"anything-but": {"wildcard": ...}}
)

// op is one parsed content filter of a leaf. The fields most filters use
// come first; the rest hang off opExt, keeping ops small for the cache.
type op struct {
	kind   opKind
	val    value  // opExact
	str    string // affix, folded string or wildcard text
	lo, hi int64  // opNumeric, inclusive, in micro units
	*opExt
}

// opExt holds what anything-but, wildcard and cidr filters need.
type opExt struct {
	strs   []string  // anything-but lists (folded for opButFold)
	vals   []value   // opButExact
	wild   *wildcard // opWildcard
	wilds  []*wildcard
	prefix netip.Prefix
}

// isString reports whether v is a string, the only type most filters match.
func isString(v value) bool { return v.kind == kindString }

// match reports whether the leaf value v satisfies o. opAbsent never
// matches a value; absence is checked on the whole event.
func (o *op) match(v value) bool {
	switch o.kind {
	case opExact:
		return o.val.equal(v)
	case opExists:
		return true
	case opNumeric:
		return v.kind == kindNumber && v.inRng && o.lo <= v.micro && v.micro <= o.hi
	case opButExact:
		return !containsValue(o.vals, v)
	}
	if !isString(v) {
		return false
	}
	return o.matchString(v.str)
}

func (o *op) matchString(s string) bool {
	switch o.kind {
	case opPrefix:
		return strings.HasPrefix(s, o.str)
	case opPrefixFold:
		return strings.HasPrefix(fold(s), o.str)
	case opSuffix:
		return strings.HasSuffix(s, o.str)
	case opSuffixFold:
		return strings.HasSuffix(fold(s), o.str)
	case opFold:
		return fold(s) == o.str
	case opWildcard:
		return o.wild.match(s)
	case opCIDR:
		return cidrContains(o.prefix, s)
	}
	return o.matchStringBut(s)
}

func (o *op) matchStringBut(s string) bool {
	switch o.kind {
	case opButPrefix:
		return !anyString(o.strs, func(p string) bool { return strings.HasPrefix(s, p) })
	case opButSuffix:
		return !anyString(o.strs, func(p string) bool { return strings.HasSuffix(s, p) })
	case opButFold:
		f := fold(s)
		return !anyString(o.strs, func(p string) bool { return f == p })
	case opButWildcard:
		for _, w := range o.wilds {
			if w.match(s) {
				return false
			}
		}
		return true
	}
	return false
}

func anyString(list []string, f func(string) bool) bool {
	for _, s := range list {
		if f(s) {
			return true
		}
	}
	return false
}

func containsValue(list []value, v value) bool {
	for _, w := range list {
		if w.equal(v) {
			return true
		}
	}
	return false
}

// cidrContains reports whether s is an IP address (without zone) in p.
func cidrContains(p netip.Prefix, s string) bool {
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return false
	}
	return p.Contains(a)
}

// key is a canonical text for o, used to share automaton states between
// patterns with identical filters.
func (o *op) key() string {
	k := strconv.Itoa(int(o.kind)) + ":"
	switch o.kind {
	case opExact:
		return k + valueKey(o.val)
	case opNumeric:
		return k + strconv.FormatInt(o.lo, 10) + ":" + strconv.FormatInt(o.hi, 10)
	case opCIDR:
		return k + o.prefix.String()
	case opButExact:
		for _, v := range o.vals {
			k += valueKey(v) + ","
		}
		return k
	case opButPrefix, opButSuffix, opButFold, opButWildcard:
		return k + strconv.Quote(strings.Join(o.strs, "\x00"))
	}
	return k + strconv.Quote(o.str)
}

func valueKey(v value) string {
	switch v.kind {
	case kindString:
		return strconv.Quote(v.str)
	case kindNumber:
		if v.inRng {
			return "n" + strconv.FormatInt(v.micro, 10)
		}
		return "N" + strconv.FormatFloat(v.big, 'g', -1, 64)
	}
	return strconv.Itoa(int(v.kind))
}
