package shell

import (
	"encoding/json"
	"strings"
)

// StripShellChars removes one trailing "\n" and then one trailing "\r"
// from s, as StackStorm's strip_shell_chars does to stdout and stderr.
func StripShellChars(s string) string {
	s = strings.TrimSuffix(s, "\n")
	return strings.TrimSuffix(s, "\r")
}

// ParseOutput is how StackStorm stores a stream's text in a shell result:
// stripped of its last line ending and, when what is left is a JSON
// document, decoded (so `echo '{"a": 1}'` gives {"a": 1}, and `echo 3`
// gives 3); otherwise the string itself.
func ParseOutput(s string) any {
	s = StripShellChars(s)
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return s
	}
	return v
}
