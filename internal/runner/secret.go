package runner

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Masked is what a secret value is shown as.
const Masked = "********"

// MaskSecrets returns a copy of params with the value of every parameter
// marked secret in specs replaced by Masked. Nested values are not
// inspected.
func MaskSecrets(params map[string]any, specs map[string]Param) map[string]any {
	out := maps.Clone(params)
	for name := range out {
		if specs[name].Secret {
			out[name] = Masked
		}
	}
	return out
}

// Secrets returns the text of every secret value in req: secret
// parameters (strings, numbers) and the auth token. Empty values are left
// out.
func (r Request) Secrets() []string {
	var out []string
	if r.AuthToken != "" {
		out = append(out, r.AuthToken)
	}
	for name, v := range r.Parameters {
		if !r.Action.Parameters[name].Secret || v == nil {
			continue
		}
		if s := fmt.Sprint(v); s != "" {
			out = append(out, s)
			if strings.Contains(s, "'") { // as a shell quotes it
				out = append(out, strings.ReplaceAll(s, "'", `'"'"'`))
			}
		}
	}
	return out
}

// Redact replaces every occurrence of a secret of req in s by Masked.
// Runners pass every message they produce (errors, logged commands)
// through it. Longer secrets are replaced first.
func (r Request) Redact(s string) string {
	secrets := r.Secrets()
	sortByLengthDesc(secrets)
	for _, sec := range secrets {
		s = strings.ReplaceAll(s, sec, Masked)
	}
	return s
}

func sortByLengthDesc(s []string) {
	slices.SortFunc(s, func(a, b string) int { return len(b) - len(a) })
}

// redactedError is an error whose message has secrets masked.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// RedactError returns err with its message passed through Redact; errors.Is
// and errors.As still see err. A nil err gives nil.
func (r Request) RedactError(err error) error {
	if err == nil {
		return nil
	}
	return &redactedError{msg: r.Redact(err.Error()), err: err}
}
