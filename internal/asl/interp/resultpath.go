package interp

import (
	"maps"
	"strconv"
)

// setPath returns doc with v stored at the reference path segs, creating
// missing objects. It copies every container on the path and never mutates
// doc. It fails with States.ResultPathMatchFailure when the path crosses a
// value that is not an object (or an array for an index).
func setPath(doc any, segs []segment, v any, src string) (any, *Failure) {
	if len(segs) == 0 {
		return v, nil
	}
	s := segs[0]
	switch d := doc.(type) {
	case map[string]any:
		if s.isIdx {
			return nil, resultPathFailure(src, doc)
		}
		child, f := setPath(d[s.key], segs[1:], v, src)
		if f != nil {
			return nil, f
		}
		out := maps.Clone(d)
		out[s.key] = child
		return out, nil
	case []any:
		if !s.isIdx || s.index >= len(d) {
			return nil, resultPathFailure(src, doc)
		}
		child, f := setPath(d[s.index], segs[1:], v, src)
		if f != nil {
			return nil, f
		}
		out := append([]any(nil), d...)
		out[s.index] = child
		return out, nil
	case nil:
		if s.isIdx {
			return nil, resultPathFailure(src, doc)
		}
		child, f := setPath(nil, segs[1:], v, src)
		if f != nil {
			return nil, f
		}
		return map[string]any{s.key: child}, nil
	}
	return nil, resultPathFailure(src, doc)
}

func resultPathFailure(src string, doc any) *Failure {
	return fail(ErrResultPathMatch, "Unable to apply ReferencePath %s to input %s", src, strconv.Quote(string(mustJSON(doc))))
}
