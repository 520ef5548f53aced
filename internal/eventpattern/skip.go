package eventpattern

import "fmt"

var errDepth = fmt.Errorf("%w: JSON nested too deeply", ErrInvalidEvent)

// skip validates and skips one value. It is iterative: one loop over the
// tokens, with the open containers' closers on sc.closers.
func (sc *scanner) skip() error {
	closers := sc.closers[:0]
	defer func() { sc.closers = closers[:0] }()
	for {
		var open bool
		var err error
		if closers, open, err = sc.skipToken(closers); err != nil {
			return err
		}
		if open {
			continue // a member follows
		}
		if closers, err = sc.afterValue(closers); err != nil || len(closers) == 0 {
			return err
		}
	}
}

// skipToken skips the scalar at sc.i, or opens the container there; open
// reports a container left open, its first member next.
func (sc *scanner) skipToken(closers []byte) ([]byte, bool, error) {
	i := skipWS(sc.s, sc.i)
	if i >= len(sc.s) {
		return closers, false, errSyntax
	}
	sc.i = i
	switch c := sc.s[i]; {
	case c == '{' || c == '[':
		return sc.skipOpen(c, closers)
	case c == '"':
		return closers, false, sc.skipStr()
	case c == '-' || ('0' <= c && c <= '9'):
		_, err := sc.number()
		return closers, false, err
	}
	_, err := sc.literal()
	return closers, false, err
}

// skipOpen opens the container c at sc.i; an empty one is closed at once.
func (sc *scanner) skipOpen(c byte, closers []byte) ([]byte, bool, error) {
	if sc.depth+len(closers)+1 > maxDepth {
		return closers, false, errDepth
	}
	closer := byte(']')
	if c == '{' {
		closer = '}'
	}
	sc.i = skipWS(sc.s, sc.i+1)
	if sc.i < len(sc.s) && sc.s[sc.i] == closer {
		sc.i++
		return closers, false, nil
	}
	closers = append(closers, closer)
	if closer == '}' {
		return closers, true, sc.skipKey()
	}
	return closers, true, nil
}

// afterValue consumes the closers and the comma (and key) that follow a
// value inside the containers on closers, returning the containers still
// open; when one is, a value is expected next.
func (sc *scanner) afterValue(closers []byte) ([]byte, error) {
	s := sc.s
	for len(closers) > 0 {
		i := skipWS(s, sc.i)
		if i >= len(s) {
			return closers, errSyntax
		}
		top := closers[len(closers)-1]
		switch s[i] {
		case ',':
			sc.i = i + 1
			if top == '}' {
				return closers, sc.skipKey()
			}
			return closers, nil
		case top:
			sc.i = i + 1
			closers = closers[:len(closers)-1]
		default:
			return closers, errSyntax
		}
	}
	return closers, nil
}

// skipKey skips an object key and its colon.
func (sc *scanner) skipKey() error {
	sc.i = skipWS(sc.s, sc.i)
	if sc.i >= len(sc.s) || sc.s[sc.i] != '"' {
		return errSyntax
	}
	if err := sc.skipStr(); err != nil {
		return err
	}
	sc.i = skipWS(sc.s, sc.i)
	if sc.i >= len(sc.s) || sc.s[sc.i] != ':' {
		return errSyntax
	}
	sc.i++
	return nil
}

func skipWS(s string, i int) int {
	for i < len(s) && s[i] <= ' ' && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}
