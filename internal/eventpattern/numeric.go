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
	o := &op{kind: opNumeric, lo: math.MinInt64, hi: math.MaxInt64}
	var haveLo, haveHi bool
	var loVal, hiVal int64
	for i := 0; i < len(v.elems); i += 2 {
		name, n, err := numericTerm(v.elems[i], v.elems[i+1], path, i)
		if err != nil {
			return nil, err
		}
		switch name {
		case "=":
			if len(v.elems) != 2 {
				return nil, errAt(indexPath(path, i), `"=" cannot be combined with another bound`)
			}
			o.lo, o.hi = n, n
			return o, nil
		case ">", ">=":
			if haveLo {
				return nil, errAt(indexPath(path, i), "only one lower bound is allowed")
			}
			haveLo, loVal, o.lo = true, n, n
			if name == ">" {
				o.lo = n + 1
			}
		case "<", "<=":
			if haveHi {
				return nil, errAt(indexPath(path, i), "only one upper bound is allowed")
			}
			haveHi, hiVal, o.hi = true, n, n
			if name == "<" {
				o.hi = n - 1
			}
		}
	}
	if haveLo && haveHi && loVal >= hiVal {
		return nil, errAt(path, "the lower bound must be less than the upper bound")
	}
	return o, nil
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
