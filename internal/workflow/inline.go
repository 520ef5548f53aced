package workflow

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// inlineParam is one key=value pair of an inline parameter string.
type inlineParam struct {
	key   string
	value any
}

// splitAction separates "pack.action k=v ..." into the ref and the rest.
func splitAction(s string) (ref, rest string) {
	s = strings.TrimSpace(s)
	i := strings.IndexAny(s, " \t\n")
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i:])
}

// parseInline parses space-separated key=value pairs as Orquesta writes
// them in action and publish strings. A value is a quoted string (quotes
// removed), or a run of characters up to whitespace in which <% %> and
// {{ }} expressions may contain spaces; an unquoted value without an
// expression is decoded as a YAML scalar (numbers, booleans, null).
func parseInline(s string) ([]inlineParam, error) {
	var params []inlineParam
	for i := skipBlank(s, 0); i < len(s); i = skipBlank(s, i) {
		eq := strings.IndexByte(s[i:], '=')
		if eq <= 0 {
			return nil, fmt.Errorf("expected key=value at %q", s[i:])
		}
		key := s[i : i+eq]
		if strings.ContainsAny(key, " \t\n\"'") {
			return nil, fmt.Errorf("expected key=value at %q", s[i:])
		}
		val, n, err := inlineValue(s, i+eq+1)
		if err != nil {
			return nil, fmt.Errorf("reading the value of %s: %w", key, err)
		}
		params = append(params, inlineParam{key, val})
		i = n
	}
	return params, nil
}

func skipBlank(s string, i int) int {
	for i < len(s) && strings.ContainsRune(" \t\r\n", rune(s[i])) {
		i++
	}
	return i
}

// inlineValue reads the value starting at i and returns it with the offset
// after it.
func inlineValue(s string, i int) (any, int, error) {
	if i < len(s) && (s[i] == '"' || s[i] == '\'') {
		end := strings.IndexByte(s[i+1:], s[i])
		if end < 0 {
			return nil, 0, fmt.Errorf("unterminated quote")
		}
		return s[i+1 : i+1+end], i + end + 2, nil
	}
	n := i
	for n < len(s) && !strings.ContainsRune(" \t\r\n", rune(s[n])) {
		n = skipDelimited(s, n)
	}
	raw := s[i:n]
	if strings.Contains(raw, "<%") || strings.Contains(raw, "{{") || strings.Contains(raw, "{%") {
		return raw, n, nil
	}
	return yamlScalar(raw), n, nil
}

// skipDelimited returns the offset after an expression opening at i, or
// i+1 when none opens there.
func skipDelimited(s string, i int) int {
	for _, d := range [][2]string{{"<%", "%>"}, {"{{", "}}"}, {"{%", "%}"}} {
		if strings.HasPrefix(s[i:], d[0]) {
			if end := strings.Index(s[i+2:], d[1]); end >= 0 {
				return i + 2 + end + 2
			}
			return len(s)
		}
	}
	return i + 1
}

// yamlScalar decodes an unquoted scalar the way YAML would.
func yamlScalar(raw string) any {
	var n yaml.Node
	if yaml.Unmarshal([]byte(raw), &n) != nil || len(n.Content) != 1 || n.Content[0].Kind != yaml.ScalarNode {
		return raw
	}
	return scalar(n.Content[0])
}
