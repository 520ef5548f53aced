package path

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// matchKey is the list of wildcard keys that led to one match, as
// PaesslerAG renders it: $["a"]["0"].
type matchKey struct {
	raw   string
	parts []string
}

// parseMatchKey splits a rendered match key into its parts.
func parseMatchKey(raw string) (matchKey, error) {
	mk := matchKey{raw: raw}
	rest := strings.TrimPrefix(raw, "$")
	for rest != "" {
		if !strings.HasPrefix(rest, "[\"") {
			return mk, fmt.Errorf("reading match key %q: expected [\"", raw)
		}
		end := quotedEnd(rest[1:]) + 1
		part, err := strconv.Unquote(rest[1:end])
		if err != nil || end >= len(rest) || rest[end] != ']' {
			return mk, fmt.Errorf("reading match key %q: bad quoted part", raw)
		}
		mk.parts = append(mk.parts, part)
		rest = rest[end+1:]
	}
	return mk, nil
}

// quotedEnd returns the offset just past the Go-quoted string at s[0].
func quotedEnd(s string) int {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(s)
}

// sortMatchKeys orders keys part by part; a key before its extensions
// (pre-order), integer parts numerically, others as strings.
func sortMatchKeys(keys []matchKey) {
	slices.SortFunc(keys, func(a, b matchKey) int {
		for i := 0; i < len(a.parts) && i < len(b.parts); i++ {
			if c := comparePart(a.parts[i], b.parts[i]); c != 0 {
				return c
			}
		}
		return len(a.parts) - len(b.parts)
	})
}

// comparePart compares two keys, numerically when both are integers.
func comparePart(a, b string) int {
	x, errA := strconv.Atoi(a)
	y, errB := strconv.Atoi(b)
	if errA == nil && errB == nil {
		return x - y
	}
	return strings.Compare(a, b)
}
