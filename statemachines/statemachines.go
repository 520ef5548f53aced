package statemachines

import (
	"embed"
	"fmt"
	"regexp"
	"strings"
)

//go:embed *.asl.json
var files embed.FS

// Enforce is the file name of the rule enforcement state machine. Its input
// is {"rule": "<pack.rule>", "event": <the EventBridge event>}.
const Enforce = "enforce.asl.json"

// The definition substitutions the platform's machines use.
const (
	EnforcerFunctionARN = "EnforcerFunctionArn"
	RunnerFunctionARN   = "RunnerFunctionArn"
)

// Names lists the embedded definitions.
func Names() []string {
	entries, _ := files.ReadDir(".")
	out := make([]string, 0, len(entries))
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// Definition returns the embedded definition name as written, with its
// ${...} substitutions in place. It fails for an unknown name.
func Definition(name string) ([]byte, error) {
	b, err := files.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("reading state machine %s: %w", name, err)
	}
	return b, nil
}

var substitution = regexp.MustCompile(`\$\{([A-Za-z0-9_]+)\}`)

// Render returns definition name with every ${Key} replaced by subs[Key],
// as CloudFormation's DefinitionSubstitutions do. A substitution with no
// value is an error naming it.
func Render(name string, subs map[string]string) ([]byte, error) {
	b, err := Definition(name)
	if err != nil {
		return nil, err
	}
	var missing []string
	out := substitution.ReplaceAllStringFunc(string(b), func(m string) string {
		key := m[2 : len(m)-1]
		v, ok := subs[key]
		if !ok {
			missing = append(missing, key)
		}
		return v
	})
	if len(missing) > 0 {
		return nil, fmt.Errorf("rendering state machine %s: no value for %s", name, strings.Join(missing, ", "))
	}
	return []byte(out), nil
}
