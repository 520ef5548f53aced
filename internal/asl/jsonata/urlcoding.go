package jsonata

import (
	"net/url"
	"strings"
)

// encodeURIComponent implements $encodeUrlComponent as JavaScript's
// encodeURIComponent: UTF-8 percent-encoding of all but A-Z a-z 0-9 and
// - _ . ! ~ * ' ( ). (The library encodes a space as "+".)
func encodeURIComponent(s string) string {
	const keep = "-_.!~*'()"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(keep, c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte("0123456789ABCDEF"[c>>4])
		b.WriteByte("0123456789ABCDEF"[c&15])
	}
	return b.String()
}

// decodeURIComponent implements $decodeUrlComponent as JavaScript's
// decodeURIComponent, which leaves "+" alone.
func decodeURIComponent(s string) (string, error) {
	out, err := url.PathUnescape(s)
	if err != nil {
		return "", &functionError{code: "D3140", msg: "Malformed URL passed to $decodeUrlComponent(): " + s}
	}
	return out, nil
}
