package eventpattern

import "fmt"

var errDepth = fmt.Errorf("%w: JSON nested too deeply", ErrInvalidEvent)

// skip validates and skips one value. It is iterative: one loop over the
// tokens, with the open containers' closers on sc.closers.
func (sc *scanner) skip() error {
	s := sc.s
	closers := sc.closers[:0]
	defer func() { sc.closers = closers[:0] }()
	for {
		// A value is expected at sc.i.
		i := skipWS(s, sc.i)
		if i >= len(s) {
			return errSyntax
		}
		switch c := s[i]; {
		case c == '{' || c == '[':
			if sc.depth+len(closers)+1 > maxDepth {
				return errDepth
			}
			closer := byte(']')
			if c == '{' {
				closer = '}'
			}
			closers = append(closers, closer)
			sc.i = skipWS(s, i+1)
			if sc.i < len(s) && s[sc.i] == closer {
				closers = closers[:len(closers)-1]
				sc.i++
				break
			}
			if closer == '}' {
				if err := sc.skipKey(); err != nil {
					return err
				}
			}
			continue
		case c == '"':
			sc.i = i
			if err := sc.skipStr(); err != nil {
				return err
			}
		case c == '-' || ('0' <= c && c <= '9'):
			sc.i = i
			if _, err := sc.number(); err != nil {
				return err
			}
		default:
			sc.i = i
			if _, err := sc.literal(); err != nil {
				return err
			}
		}
		// A value ended: close containers or move to the next member.
		var err error
		if closers, err = sc.afterValue(closers); err != nil || len(closers) == 0 {
			return err
		}
	}
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
