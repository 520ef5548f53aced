package runner

import (
	"maps"
	"path/filepath"

	"github.com/stormless/stormless/internal/pack"
)

// Action is what a runner needs to know about the action it runs.
type Action struct {
	// Ref is the action's "pack.name".
	Ref string
	// Pack is the pack's ref; Name the action's name.
	Pack, Name string
	// Runner is the action's runner_type as written (a name or an alias).
	Runner string
	// EntryPoint is the absolute path of the entry point file, empty when
	// the action has none.
	EntryPoint string
	// PackDir is the pack's directory.
	PackDir string
	// Parameters are the specs of every parameter, the action's own and the
	// runner's, by name.
	Parameters map[string]Param
}

// Param is the part of a parameter's spec runners use.
type Param struct {
	// Type is the JSON Schema type ("string", "integer", "boolean",
	// "array", "object", "number", "null"), empty when not given or a list.
	Type string
	// Position is the positional index for script arguments, nil for a
	// named argument.
	Position *int
	// Secret marks a value never to be shown.
	Secret bool
	// Runner is true for a runner parameter (cmd, env, timeout, ...), which
	// is never passed to a script as an argument.
	Runner bool
}

// FromPack builds an Action from the loaded pack model: a (its parameters
// already merged with the runner's), the pack p that holds it (nil when
// unknown) and the runner type rn (nil when unknown; then no parameter is
// treated as a runner parameter). Paths are made absolute.
func FromPack(a *pack.Action, p *pack.Pack, rn *pack.Runner) Action {
	out := Action{Ref: a.Ref, Pack: a.Pack, Name: a.Name, Runner: a.RunnerType, EntryPoint: absolute(a.EntryPath),
		Parameters: make(map[string]Param, len(a.Parameters))}
	if p != nil {
		out.PackDir = absolute(p.Dir)
	}
	for name, spec := range a.Parameters {
		out.Parameters[name] = paramFromPack(spec, rn != nil && rn.Parameters[name] != nil)
	}
	return out
}

// absolute makes path absolute, since scripts run from another working
// directory; it is left as is when empty or when that fails.
func absolute(path string) string {
	if path == "" {
		return ""
	}
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

func paramFromPack(spec *pack.Param, isRunner bool) Param {
	t, _ := spec.Type.(string)
	var pos *int
	if spec.Position != nil {
		v := *spec.Position
		pos = &v
	}
	return Param{Type: t, Position: pos, Secret: spec.Secret, Runner: isRunner}
}

// ActionParameters returns the parameters of req that are not runner
// parameters: those StackStorm passes to scripts as arguments. The map is
// a copy.
func (r Request) ActionParameters() map[string]any {
	out := maps.Clone(r.Parameters)
	if out == nil {
		out = map[string]any{}
	}
	for name := range out {
		if r.Action.Parameters[name].Runner {
			delete(out, name)
		}
	}
	return out
}
