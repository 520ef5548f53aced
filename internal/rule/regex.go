package rule

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// RegexError reports a criteria pattern that is not a usable regular
// expression: invalid in Python too, or valid in Python but using a feature
// Go's RE2 engine cannot run (lookarounds, backreferences, ...).
type RegexError struct {
	Pattern string
	// Reason says what is wrong, in Python's terms where it applies.
	Reason string
	// Unsupported is true when Python accepts the pattern and only RE2
	// cannot run it.
	Unsupported bool
	// Suggestion proposes a way to express the same test, when there is one.
	Suggestion string
}

// Error says what is wrong, whether only RE2 is to blame, and what to do.
func (e *RegexError) Error() string {
	msg := fmt.Sprintf("regex %q: %s", e.Pattern, e.Reason)
	if e.Unsupported {
		msg += " (Python's re accepts it; Go's RE2 engine cannot run it)"
	}
	if e.Suggestion != "" {
		msg += "; " + e.Suggestion
	}
	return msg
}

// Python classes translated to their Unicode meaning (Python 3 str patterns
// are Unicode-aware; Go's \d, \w and \s are ASCII only).
const (
	pyDigit    = `\p{Nd}`
	pyWord     = `\p{L}\p{N}_`
	pySpace    = `\s\v\x1c-\x1f\x85\p{Z}`
	suggestAlt = "split the test into several criteria (e.g. a regex plus an ncontains or a second regex under \"key#2\"), or use matchwildcard, startswith, endswith or contains"
)

type regexKey struct {
	pattern string
	mode    regexMode
}

// regexMode is how a regex operator applies a Python pattern.
type regexMode int

const (
	modeSearch     regexMode = iota // re.search
	modeSearchI                     // re.search, re.IGNORECASE
	modeMatchDotal                  // re.match, re.DOTALL
)

// regexCache keeps compiled regexes; it stops growing at cacheLimit
// entries, as templated patterns can render to endless variants.
var regexCache boundedCache

// cacheLimit bounds the regex and wildcard caches.
const cacheLimit = 4096

// boundedCache is a concurrent map that stops accepting entries when full.
type boundedCache struct {
	m sync.Map
	n atomic.Int64
}

func (c *boundedCache) Load(k any) (any, bool) { return c.m.Load(k) }

func (c *boundedCache) Store(k, v any) {
	if c.n.Load() >= cacheLimit {
		return
	}
	if _, loaded := c.m.LoadOrStore(k, v); !loaded {
		c.n.Add(1)
	}
}

// compilePython compiles a Python regular expression for the given
// operator mode into an equivalent RE2 program, or returns a *RegexError.
// Safe for concurrent use; results are cached.
func compilePython(pattern string, mode regexMode) (*regexp.Regexp, error) {
	k := regexKey{pattern, mode}
	if v, ok := regexCache.Load(k); ok {
		if re, ok := v.(*regexp.Regexp); ok {
			return re, nil
		}
		return nil, v.(error)
	}
	re, err := translateAndCompile(pattern, mode)
	if err != nil {
		regexCache.Store(k, err)
		return nil, err
	}
	regexCache.Store(k, re)
	return re, nil
}

func translateAndCompile(pattern string, mode regexMode) (*regexp.Regexp, error) {
	tr := &pyTranslator{src: []rune(pattern), pattern: pattern}
	body, err := tr.translate()
	if err != nil {
		return nil, err
	}
	var prefix string
	switch mode {
	case modeSearchI:
		prefix = "(?i)"
	case modeMatchDotal:
		prefix = `(?s)\A`
	}
	re, err := regexp.Compile(prefix + "(?:" + body + ")")
	if err != nil {
		suggestion := suggestAlt
		if strings.Contains(err.Error(), "repeat count") || strings.Contains(err.Error(), "too large") {
			suggestion = "RE2 caps repetition counts at 1000, nested repetitions included: use a smaller count, or + or *"
		}
		return nil, &RegexError{Pattern: pattern, Reason: "compiling: " + err.Error(), Unsupported: true, Suggestion: suggestion}
	}
	return re, nil
}

// pyTranslator rewrites Python re syntax into RE2 syntax.
type pyTranslator struct {
	src       []rune
	pattern   string
	i         int
	out       strings.Builder
	multiline bool
}

func (t *pyTranslator) fail(reason string) error {
	return &RegexError{Pattern: t.pattern, Reason: reason}
}

func (t *pyTranslator) unsupported(reason, suggestion string) error {
	return &RegexError{Pattern: t.pattern, Reason: reason, Unsupported: true, Suggestion: suggestion}
}

func (t *pyTranslator) translate() (string, error) {
	for t.i < len(t.src) {
		if err := t.step(); err != nil {
			return "", err
		}
	}
	return t.out.String(), nil
}

func (t *pyTranslator) step() error {
	c := t.src[t.i]
	t.i++
	switch c {
	case '\\':
		return t.escape(false)
	case '[':
		return t.class()
	case '(':
		return t.group()
	case '$':
		if t.multiline {
			t.out.WriteString("$")
		} else {
			t.out.WriteString(`(?:\n?\z)`)
		}
	case '*', '+', '?', '}':
		t.out.WriteRune(c)
		if t.i < len(t.src) && t.src[t.i] == '+' {
			return t.unsupported("possessive quantifier "+string(c)+"+", "drop the trailing '+': for a yes/no match the greedy quantifier accepts the same strings")
		}
	default:
		t.out.WriteRune(c)
	}
	return nil
}

// group handles "(" and the Python extensions "(?...)".
func (t *pyTranslator) group() error {
	if t.i >= len(t.src) || t.src[t.i] != '?' {
		t.out.WriteString("(")
		return nil
	}
	rest := string(t.src[t.i:])
	switch {
	case strings.HasPrefix(rest, "?:"), strings.HasPrefix(rest, "?P<"):
		t.out.WriteString("(")
		return nil
	case strings.HasPrefix(rest, "?="), strings.HasPrefix(rest, "?!"):
		return t.unsupported("lookahead "+groupText(rest), suggestAlt)
	case strings.HasPrefix(rest, "?<="), strings.HasPrefix(rest, "?<!"):
		return t.unsupported("lookbehind "+groupText(rest), suggestAlt)
	case strings.HasPrefix(rest, "?P="):
		return t.unsupported("named backreference "+groupText(rest), "compare the two fields with separate criteria, e.g. equals with a pattern of \"{{ trigger.other }}\"")
	case strings.HasPrefix(rest, "?("):
		return t.unsupported("conditional group "+groupText(rest), suggestAlt)
	case strings.HasPrefix(rest, "?>"):
		return t.unsupported("atomic group", "use a plain group (?:...): for a yes/no match it accepts the same strings")
	case strings.HasPrefix(rest, "?#"):
		return t.comment()
	}
	return t.flags()
}

func groupText(rest string) string {
	if i := strings.IndexByte(rest, ')'); i >= 0 {
		return "(" + rest[:i+1]
	}
	return "(" + rest
}

// comment skips "(?#...)".
func (t *pyTranslator) comment() error {
	for ; t.i < len(t.src); t.i++ {
		if t.src[t.i] == ')' {
			t.i++
			return nil
		}
	}
	return t.fail("missing ), unterminated comment")
}

// flags handles "(?imsx)" and "(?imsx-imsx:...)".
func (t *pyTranslator) flags() error {
	start := t.i - 1 // position of "("
	j := t.i + 1
	for j < len(t.src) && strings.ContainsRune("aiLmsux-", t.src[j]) {
		j++
	}
	if j >= len(t.src) || (t.src[j] != ')' && t.src[j] != ':') {
		return t.fail("unknown extension " + groupText(string(t.src[t.i:])))
	}
	flags := string(t.src[t.i+1 : j])
	for _, f := range flags {
		switch f {
		case 'x':
			return t.unsupported("verbose flag (?x)", "remove the whitespace and comments and drop the flag")
		case 'a', 'L':
			return t.unsupported("flag (?"+string(f)+")", "drop the flag and spell ASCII classes out, e.g. [0-9] for \\d")
		}
	}
	flags = strings.ReplaceAll(flags, "u", "")
	global := t.src[j] == ')'
	if global && start != 0 && !t.onlyFlagsBefore(start) {
		return t.fail("global flags not at the start of the expression")
	}
	if global && strings.ContainsRune(flags, 'm') && !strings.Contains(flags, "-") {
		t.multiline = true
	}
	t.i = j + 1
	if flags == "" || flags == "-" {
		if global {
			return nil
		}
		t.out.WriteString("(?:")
		return nil
	}
	t.out.WriteString("(?" + flags + string(t.src[j]))
	return nil
}

var leadingFlags = regexp.MustCompile(`^(\(\?[aiLmsux]+\))*$`)

// onlyFlagsBefore reports whether the pattern holds only global flag groups
// before pos (Python allows several at the start).
func (t *pyTranslator) onlyFlagsBefore(pos int) bool {
	return leadingFlags.MatchString(string(t.src[:pos]))
}

// escape translates a backslash escape; inClass selects the rules inside
// a character class.
func (t *pyTranslator) escape(inClass bool) error {
	if t.i >= len(t.src) {
		return t.fail("bad escape (end of pattern)")
	}
	c := t.src[t.i]
	t.i++
	if s, ok := simpleEscape(c, inClass); ok {
		t.out.WriteString(s)
		return nil
	}
	switch {
	case c == 'x':
		return t.hexEscape(2)
	case c == 'u':
		return t.hexEscape(4)
	case c == 'U':
		return t.hexEscape(8)
	case c == 'N':
		return t.unsupported(`named character escape \N{...}`, "write the character itself")
	case c >= '0' && c <= '9':
		return t.digitEscape(c, inClass)
	case c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'):
		return t.fail(`bad escape \` + string(c))
	}
	t.out.WriteString(regexp.QuoteMeta(string(c)))
	return nil
}

// simpleEscape maps escapes that translate one to one.
func simpleEscape(c rune, inClass bool) (string, bool) {
	if inClass {
		switch c {
		case 'd':
			return pyDigit, true
		case 'w':
			return pyWord, true
		case 's':
			return pySpace, true
		case 'D', 'W', 'S':
			return `\` + string(c), true
		case 'b':
			return `\x08`, true
		}
	} else {
		switch c {
		case 'd':
			return pyDigit, true
		case 'D':
			return `\P{Nd}`, true
		case 'w':
			return "[" + pyWord + "]", true
		case 'W':
			return "[^" + pyWord + "]", true
		case 's':
			return "[" + pySpace + "]", true
		case 'S':
			return "[^" + pySpace + "]", true
		case 'A', 'b', 'B':
			return `\` + string(c), true
		case 'Z':
			return `\z`, true
		}
	}
	switch c {
	case 'a', 'f', 'n', 'r', 't', 'v':
		return `\` + string(c), true
	}
	return "", false
}

func (t *pyTranslator) hexEscape(n int) error {
	if t.i+n > len(t.src) {
		return t.fail("incomplete escape")
	}
	v, err := strconv.ParseUint(string(t.src[t.i:t.i+n]), 16, 32)
	if err != nil || v > 0x10ffff {
		return t.fail("bad hexadecimal escape")
	}
	t.i += n
	fmt.Fprintf(&t.out, `\x{%x}`, v)
	return nil
}

// digitEscape handles octal escapes and backreferences.
func (t *pyTranslator) digitEscape(c rune, inClass bool) error {
	digits := string(c)
	for len(digits) < 3 && t.i < len(t.src) && t.src[t.i] >= '0' && t.src[t.i] <= '7' {
		digits += string(t.src[t.i])
		t.i++
	}
	octal := c == '0' || (len(digits) == 3 && digits[0] <= '3' && !strings.ContainsAny(digits, "89"))
	if inClass {
		octal = !strings.ContainsAny(digits, "89")
	}
	if !octal {
		return t.unsupported(`backreference \`+digits, "compare the two fields with separate criteria, e.g. equals with a pattern of \"{{ trigger.other }}\"")
	}
	v, err := strconv.ParseUint(digits, 8, 32)
	if err != nil || v > 0o377 {
		return t.fail(`octal escape value \` + digits + " outside of range 0-0o377")
	}
	fmt.Fprintf(&t.out, `\x{%x}`, v)
	return nil
}

// class translates a character class "[...]".
func (t *pyTranslator) class() error {
	t.out.WriteString("[")
	if t.i < len(t.src) && t.src[t.i] == '^' {
		t.out.WriteString("^")
		t.i++
	}
	first := true
	for t.i < len(t.src) {
		c := t.src[t.i]
		t.i++
		switch {
		case c == ']' && !first:
			t.out.WriteString("]")
			return nil
		case c == '\\':
			if err := t.escape(true); err != nil {
				return err
			}
		case c == '-':
			t.out.WriteString("-")
		default:
			t.out.WriteString(regexp.QuoteMeta(string(c)))
		}
		first = false
	}
	return t.fail("unterminated character set")
}
