package eventpattern

import (
	"fmt"
	"net/netip"
)

// parseFilter parses a filter object such as {"prefix": "a"}.
func parseFilter(e *jnode, path string) (*op, error) {
	if len(e.keys) != 1 {
		return nil, errAt(path, fmt.Sprintf("a filter object must have exactly one key, found %d", len(e.keys)))
	}
	name, v := e.keys[0], e.vals[0]
	p := childPath(path, name)
	switch name {
	case "prefix", "suffix":
		return parseAffix(name, v, p)
	case "equals-ignore-case":
		s, err := needString(v, p)
		return &op{kind: opFold, str: fold(s)}, err
	case "wildcard":
		return parseWildcardOp(v, p)
	case "anything-but":
		return parseAnythingBut(v, p)
	case "numeric":
		return parseNumeric(v, p)
	case "cidr":
		return parseCIDR(v, p)
	case "exists":
		return parseExists(v, p)
	}
	return nil, errAt(path, fmt.Sprintf("unrecognized filter %q", name))
}

func needString(v *jnode, path string) (string, error) {
	if v.kind != jString {
		return "", errAt(path, "must be a string")
	}
	return v.str, nil
}

// parseAffix parses prefix and suffix, plain or {"equals-ignore-case": s}.
func parseAffix(name string, v *jnode, path string) (*op, error) {
	plain, folded := opPrefix, opPrefixFold
	if name == "suffix" {
		plain, folded = opSuffix, opSuffixFold
	}
	if v.kind == jObject && len(v.keys) == 1 && v.keys[0] == "equals-ignore-case" {
		s, err := needString(v.vals[0], childPath(path, "equals-ignore-case"))
		return &op{kind: folded, str: fold(s)}, err
	}
	if v.kind != jString {
		return nil, errAt(path, `must be a string or {"equals-ignore-case": string}`)
	}
	return &op{kind: plain, str: v.str}, nil
}

func parseWildcardOp(v *jnode, path string) (*op, error) {
	s, err := needString(v, path)
	if err != nil {
		return nil, err
	}
	w, msg := parseWildcard(s)
	if msg != "" {
		return nil, errAt(path, msg)
	}
	return &op{kind: opWildcard, str: s, opExt: &opExt{wild: w}}, nil
}

func parseExists(v *jnode, path string) (*op, error) {
	if v.kind != jBool {
		return nil, errAt(path, "must be true or false")
	}
	if v.b {
		return &op{kind: opExists}, nil
	}
	return &op{kind: opAbsent}, nil
}

func parseCIDR(v *jnode, path string) (*op, error) {
	s, err := needString(v, path)
	if err != nil {
		return nil, err
	}
	if p, err := netip.ParsePrefix(s); err == nil {
		return &op{kind: opCIDR, opExt: &opExt{prefix: p.Masked()}}, nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return nil, errAt(path, fmt.Sprintf("%q is not an IP address or CIDR block", s))
	}
	return &op{kind: opCIDR, opExt: &opExt{prefix: netip.PrefixFrom(a, a.BitLen())}}, nil
}
