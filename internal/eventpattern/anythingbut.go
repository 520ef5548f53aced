package eventpattern

import "fmt"

// parseAnythingBut parses the forms of anything-but: a string or number, a
// list of strings or of numbers, or an object holding one of prefix,
// suffix, equals-ignore-case or wildcard with a string or list of strings.
func parseAnythingBut(v *jnode, path string) (*op, error) {
	switch v.kind {
	case jString, jNumber:
		return &op{kind: opButExact, opExt: &opExt{vals: []value{literal(v)}}}, nil
	case jArray:
		return parseButList(v, path)
	case jObject:
		return parseButObject(v, path)
	}
	return nil, errAt(path, "must be a string, a number, a list of either, or an object")
}

func parseButList(v *jnode, path string) (*op, error) {
	if len(v.elems) == 0 {
		return nil, errAt(path, "empty arrays are not allowed")
	}
	first := v.elems[0].kind
	vals := make([]value, 0, len(v.elems))
	for i, e := range v.elems {
		if (e.kind != jString && e.kind != jNumber) || e.kind != first {
			return nil, errAt(indexPath(path, i), "anything-but lists must hold only strings or only numbers")
		}
		vals = append(vals, literal(e))
	}
	return &op{kind: opButExact, opExt: &opExt{vals: vals}}, nil
}

var butKinds = map[string]opKind{
	"prefix": opButPrefix, "suffix": opButSuffix,
	"equals-ignore-case": opButFold, "wildcard": opButWildcard,
}

func parseButObject(v *jnode, path string) (*op, error) {
	if len(v.keys) != 1 {
		return nil, errAt(path, fmt.Sprintf("must have exactly one key, found %d", len(v.keys)))
	}
	name, k := v.keys[0], butKinds[v.keys[0]]
	p := childPath(path, name)
	if k == 0 {
		return nil, errAt(path, fmt.Sprintf("unsupported anything-but filter %q", name))
	}
	strs, err := stringList(v.vals[0], p)
	if err != nil {
		return nil, err
	}
	o := &op{kind: k, opExt: &opExt{strs: strs}}
	return o, o.finishBut(p)
}

// stringList accepts a string or a non-empty list of strings.
func stringList(v *jnode, path string) ([]string, error) {
	if v.kind == jString {
		return []string{v.str}, nil
	}
	if v.kind != jArray || len(v.elems) == 0 {
		return nil, errAt(path, "must be a string or a non-empty list of strings")
	}
	out := make([]string, len(v.elems))
	for i, e := range v.elems {
		if e.kind != jString {
			return nil, errAt(indexPath(path, i), "must be a string")
		}
		out[i] = e.str
	}
	return out, nil
}

// finishBut validates and prepares the strings of an anything-but object.
func (o *op) finishBut(path string) error {
	for i, s := range o.strs {
		switch o.kind {
		case opButPrefix, opButSuffix:
			if s == "" {
				return errAt(path, "must not be empty")
			}
		case opButFold:
			o.strs[i] = fold(s)
		case opButWildcard:
			w, msg := parseWildcard(s)
			if msg != "" {
				return errAt(path, msg)
			}
			o.wilds = append(o.wilds, w)
		}
	}
	return nil
}
