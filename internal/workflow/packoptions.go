package workflow

import (
	"maps"
	"strings"

	"github.com/stormless/stormless/internal/pack"
)

// PackOptions are the compiler options for the workflows of set's
// actions, the one definition every host uses (the local engine, the
// Lambda functions, the CDK app and the CLI), so that one workflow
// compiles to the same state machine everywhere. A task whose action is a
// workflow action of set starts that action's state machine, named by arn;
// its input gets the literal defaults of the action's parameters the task
// does not give (see Options.Defaults). Actions is left nil: every action
// ref is accepted (refs into packs not loaded are the pack loader's
// warnings).
func PackOptions(set *pack.Set, runnerFunction string, arn func(ref string) string) Options {
	workflows := map[string]map[string]any{}
	for _, a := range set.Actions() {
		if rn, ok := set.Runner(a.RunnerType); ok && rn.IsWorkflow() {
			workflows[a.Ref] = literalDefaults(a.Parameters)
		}
	}
	return Options{
		RunnerFunction: runnerFunction,
		Workflow: func(ref string) (string, bool) {
			if _, ok := workflows[ref]; !ok {
				return "", false
			}
			return arn(ref), true
		},
		Defaults: func(ref string) map[string]any { return maps.Clone(workflows[ref]) },
	}
}

// literalDefaults are the defaults of params that need no rendering and
// are not secret: what a compiled state machine may carry. A default that
// is a template needs the datastore and the pack config, which only the
// runtime has; a secret default must not be written into a definition.
func literalDefaults(params map[string]*pack.Param) map[string]any {
	out := map[string]any{}
	for name, p := range params {
		if p.HasDefault && p.Default != nil && !p.Secret && !hasTemplate(p.Default) {
			out[name] = p.Default
		}
	}
	return out
}

// hasTemplate reports whether v holds a Jinja template anywhere.
func hasTemplate(v any) bool {
	switch x := v.(type) {
	case string:
		return strings.Contains(x, "{{") || strings.Contains(x, "{%")
	case []any:
		for _, e := range x {
			if hasTemplate(e) {
				return true
			}
		}
	case map[string]any:
		for _, e := range x {
			if hasTemplate(e) {
				return true
			}
		}
	}
	return false
}
