package rule

import (
	"errors"
	"strings"
	"testing"
)

func TestPythonRegexSemantics(t *testing.T) {
	tests := []struct {
		name    string
		pattern string
		mode    regexMode
		subject string
		want    bool
	}{
		{"dollar before final newline", `v1$`, modeSearch, "v1\n", true},
		{"dollar not before inner newline", `v1$`, modeSearch, "v1\nx", false},
		{"multiline dollar", `(?m)v1$`, modeSearch, "v1\nx", true},
		{"unicode digit", `^\d+$`, modeSearch, "٣٤", true},
		{"unicode word", `^\w+$`, modeSearch, "héllo_1", true},
		{"unicode space", `a\sb`, modeSearch, "a\u00a0b", true},
		{"backslash Z", `a\Z`, modeSearch, "a", true},
		{"backslash Z is not before newline", `a\Z`, modeSearch, "a\n", false},
		{"match anchors at start", `b`, modeMatchDotal, "ab", false},
		{"match is not anchored at end", `a`, modeMatchDotal, "ab", true},
		{"dotall", `a.b`, modeMatchDotal, "a\nb", true},
		{"search dot excludes newline", `a.b`, modeSearch, "a\nb", false},
		{"ignore case", `ponies`, modeSearchI, "PONIES", true},
		{"octal escape", `\101`, modeSearch, "A", true},
		{"unicode escape", `\u00e9`, modeSearch, "é", true},
		{"bracket first in class", `[]a]`, modeSearch, "]", true},
		{"posix class is literal", `[[:alpha:]]`, modeSearch, ":]", true},
		{"posix class is not a class", `^[[:alpha:]]$`, modeSearch, "b", false},
		{"comment group", `a(?#note)b`, modeSearch, "ab", true},
		{"named group", `(?P<n>a)b`, modeSearch, "ab", true},
		{"scoped flag", `(?i:a)b`, modeSearch, "Ab", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			re, err := compilePython(tt.pattern, tt.mode)
			if err != nil {
				t.Fatalf("compiling %q: %v", tt.pattern, err)
			}
			if got := re.MatchString(tt.subject); got != tt.want {
				t.Errorf("%q on %q: got %v, want %v", tt.pattern, tt.subject, got, tt.want)
			}
		})
	}
}

func TestPythonRegexErrors(t *testing.T) {
	tests := []struct {
		name        string
		pattern     string
		unsupported bool
		mention     string
	}{
		{"lookahead", `foo(?=bar)`, true, "lookahead"},
		{"negative lookahead", `^(?!foo)`, true, "lookahead"},
		{"lookbehind", `(?<=a)b`, true, "lookbehind"},
		{"backreference", `(a)\1`, true, "backreference"},
		{"named backreference", `(?P<x>a)(?P=x)`, true, "backreference"},
		{"possessive", `a++`, true, "possessive"},
		{"verbose", `(?x) a b`, true, "verbose"},
		{"repeat count", `a{1001}`, true, "1000"},
		{"bad escape", `\q`, false, "bad escape"},
		{"go-only escape", `\pL`, false, "bad escape"},
		{"unterminated set", `[abc`, false, "unterminated"},
		{"late global flag", `a(?i)`, false, "global flags"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := compilePython(tt.pattern, modeSearch)
			var re *RegexError
			if !errors.As(err, &re) {
				t.Fatalf("got %v, want a *RegexError", err)
			}
			if re.Unsupported != tt.unsupported {
				t.Errorf("got unsupported %v, want %v (%v)", re.Unsupported, tt.unsupported, err)
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("got %q, want it to mention %q", err, tt.mention)
			}
			if tt.unsupported && re.Suggestion == "" {
				t.Errorf("got no suggestion for %q", tt.pattern)
			}
		})
	}
}

func TestWildcard(t *testing.T) {
	tests := []struct {
		name, pattern, subject string
		want                   bool
	}{
		{"whole string", "foo", "test foo test", false},
		{"star", "*foo*", "test foo test", true},
		{"star spans newlines", "a*b", "a\nb", true},
		{"question", "b?r", "bar", true},
		{"set", "[bc]ar", "car", true},
		{"negated set", "[!bc]ar", "car", false},
		{"unclosed bracket is literal", "[ab", "[ab", true},
		{"backslash is literal", `a\b`, `a\b`, true},
		{"reversed range matches nothing", "[z-a]", "m", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			re, err := compileWildcard(tt.pattern)
			if err != nil {
				t.Fatal(err)
			}
			if got := re.MatchString(tt.subject); got != tt.want {
				t.Errorf("%q on %q: got %v, want %v", tt.pattern, tt.subject, got, tt.want)
			}
		})
	}
}
