package rule

import (
	"fmt"
	"regexp"
	"strings"
)

var wildcardCache boundedCache // string -> *regexp.Regexp

// compileWildcard compiles a shell-style pattern the way Python's
// fnmatch.fnmatch reads it on POSIX: "*" any run, "?" any one character,
// "[seq]" and "[!seq]" sets, everything else literal, matched against the
// whole string (newlines included). Safe for concurrent use.
func compileWildcard(pattern string) (*regexp.Regexp, error) {
	if v, ok := wildcardCache.Load(pattern); ok {
		return v.(*regexp.Regexp), nil
	}
	re, err := regexp.Compile(`(?s)\A(?:` + translateWildcard([]rune(pattern)) + `)\z`)
	if err != nil {
		return nil, fmt.Errorf("compiling wildcard %q: %w", pattern, err)
	}
	wildcardCache.Store(pattern, re)
	return re, nil
}

func translateWildcard(p []rune) string {
	var b strings.Builder
	for i := 0; i < len(p); {
		c := p[i]
		i++
		switch c {
		case '*':
			for i < len(p) && p[i] == '*' {
				i++
			}
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		case '[':
			set, next, ok := wildcardSet(p, i)
			if !ok {
				b.WriteString(`\[`)
				continue
			}
			b.WriteString(set)
			i = next
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	return b.String()
}

// wildcardSet translates the set starting after "[" at i; ok is false when
// the set is not closed (then "[" is literal).
func wildcardSet(p []rune, i int) (set string, next int, ok bool) {
	j := i
	if j < len(p) && p[j] == '!' {
		j++
	}
	if j < len(p) && p[j] == ']' {
		j++
	}
	for j < len(p) && p[j] != ']' {
		j++
	}
	if j >= len(p) {
		return "", 0, false
	}
	stuff := p[i:j]
	next = j + 1
	negate := len(stuff) > 0 && stuff[0] == '!'
	if negate {
		stuff = stuff[1:]
	}
	body := wildcardRanges(stuff)
	switch {
	case body == "" && !negate:
		return `[^\x00-\x{10FFFF}]`, next, true // an empty set never matches
	case body == "":
		return `(?s:.)`, next, true
	case negate:
		return "[^" + body + "]", next, true
	}
	return "[" + body + "]", next, true
}

// wildcardRanges renders set members, dropping reversed ranges as Python
// 3.9+ does.
func wildcardRanges(s []rune) string {
	var b strings.Builder
	for k := 0; k < len(s); k++ {
		if k+2 < len(s) && s[k+1] == '-' {
			if s[k] <= s[k+2] {
				fmt.Fprintf(&b, `\x{%x}-\x{%x}`, s[k], s[k+2])
			}
			k += 2
			continue
		}
		fmt.Fprintf(&b, `\x{%x}`, s[k])
	}
	return b.String()
}
