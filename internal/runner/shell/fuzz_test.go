package shell

import (
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/runner"
)

// shellWords splits s into words the way a POSIX shell does for the
// subset Quote produces: bare safe characters, single-quoted runs and
// double-quoted single quotes.
func shellWords(s string) []string {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case '"':
			j := strings.IndexByte(s[i+1:], '"')
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

func FuzzArgs(f *testing.F) {
	f.Add("name", "value", "pos", "--")
	f.Add("a b", "it's", "", "-")
	f.Add("x", `"'$(rm -rf /)'"`, "\n", "")
	f.Add("é", "", "'", "--")
	f.Fuzz(func(t *testing.T, name, value, positional, kwargOp string) {
		if got := shellWords(Quote(value)); len(got) != 1 || got[0] != value {
			t.Fatalf("Quote(%q) reads back as %q", value, got)
		}
		if strings.ContainsAny(name+kwargOp, " '\"") || name == "p" || name == "" {
			return // names with quotes or spaces are not valid parameter names
		}
		params := map[string]any{name: value, "p": positional}
		specs := map[string]runner.Param{"p": {Type: "string", Position: new(int)}}
		words := shellWords(Args(params, specs, kwargOp))
		want := []string{positional}
		if value != "" {
			want = []string{kwargOp + name + "=" + value, positional}
		}
		if strings.Join(words, "\x00") != strings.Join(want, "\x00") {
			t.Fatalf("Args gives words %q, want %q", words, want)
		}
	})
}
