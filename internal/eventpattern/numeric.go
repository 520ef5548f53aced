package eventpattern

import (
	"fmt"
	"math"
	"strconv"
)

// parseNumeric parses {"numeric": [op, n]} or [op, n, op, n] with one lower
// bound (">" or ">=") and one upper bound ("<" or "<="); "=" stands alone.
// Bounds must lie within ±5e9; the range is kept inclusive in micro units.
func parseNumeric(v *jnode, path string) (*op, error) {
	if v.kind != jArray || (len(v.elems) != 2 && len(v.elems) != 4) {
		return nil, errAt(path, "must be [op, number] or [op, number, op, number]")
	}
	b := bounds{op: &op{kind: opNumeric, lo: math.MinInt64, hi: math.MaxInt64}}
	for i := 0; i < len(v.elems); i += 2 {
		name, n, err := numericTerm(v.elems[i], v.elems[i+1], path, i)
		if err != nil {
			return nil, err
		}
		if name == "=" && len(v.elems) != 2 {
			return nil, errAt(indexPath(path, i), `"=" cannot be combined with another bound`)
		}
		if err := b.add(name, n, indexPath(path, i)); err != nil {
			return nil, err
		}
	}
	if b.haveLo && b.haveHi && b.loVal >= b.hiVal {
		return nil, errAt(path, "the lower bound must be less than the upper bound")
	}
	return b.op, nil
}

// bounds collects the bounds of a numeric filter.
type bounds struct {
	op             *op
	haveLo, haveHi bool
	loVal, hiVal   int64
}

func (b *bounds) add(name string, n int64, path string) error {
	switch name {
	case "=":
		b.op.lo, b.op.hi = n, n
	case ">", ">=":
		if b.haveLo {
			return errAt(path, "only one lower bound is allowed")
		}
		b.haveLo, b.loVal, b.op.lo = true, n, n
		if name == ">" {
			b.op.lo = n + 1
		}
	case "<", "<=":
		if b.haveHi {
			return errAt(path, "only one upper bound is allowed")
		}
		b.haveHi, b.hiVal, b.op.hi = true, n, n
		if name == "<" {
			b.op.hi = n - 1
		}
	}
	return nil
}

// numericTerm validates one (operator, number) pair and returns the number
// in micro units.
func numericTerm(opNode, numNode *jnode, path string, i int) (string, int64, error) {
	if opNode.kind != jString {
		return "", 0, errAt(indexPath(path, i), "must be one of =, <, <=, >, >=")
	}
	switch opNode.str {
	case "=", "<", "<=", ">", ">=":
	default:
		return "", 0, errAt(indexPath(path, i), fmt.Sprintf("unrecognized numeric operator %q", opNode.str))
	}
	if numNode.kind != jNumber {
		return "", 0, errAt(indexPath(path, i+1), "must be a number")
	}
	f, err := strconv.ParseFloat(numNode.str, 64)
	if err != nil || math.Abs(f) > maxComparable {
		return "", 0, errAt(indexPath(path, i+1), "numbers must lie between -5.0e9 and 5.0e9")
	}
	return opNode.str, numberValue(numNode.str).micro, nil
}
