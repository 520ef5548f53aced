package pack

import (
	_ "embed"
	"fmt"
	"sync"

	"gopkg.in/yaml.v3"
)

// Runner is a runner type: what runs an action, and the parameters every
// action of that runner accepts.
type Runner struct {
	Name         string            `json:"name"`
	Description  string            `json:"description,omitempty"`
	Enabled      bool              `json:"enabled"`
	Aliases      []string          `json:"aliases,omitempty"`
	Parameters   map[string]*Param `json:"runner_parameters,omitempty"`
	OutputKey    string            `json:"output_key,omitempty"`
	OutputSchema map[string]any    `json:"output_schema,omitempty"`
	Pos          Pos               `json:"-"`
}

// NeedsEntryPoint reports whether actions of this runner must name an
// entry_point file (a script or a workflow definition).
func (r *Runner) NeedsEntryPoint() bool {
	switch r.Name {
	case "local-shell-script", "remote-shell-script", "python-script", "winrm-ps-script", "orquesta", "action-chain":
		return true
	}
	return false
}

// IsWorkflow reports whether the entry point is a workflow definition
// (Orquesta or action-chain) rather than a script.
func (r *Runner) IsWorkflow() bool { return r.Name == "orquesta" || r.Name == "action-chain" }

var runnerFields = []string{"aliases", "description", "enabled", "name", "runner_module", "runner_package",
	"runner_parameters", "output_key", "output_schema"}

//go:embed runners.yaml
var runnersYAML []byte

// builtinRunners parses the embedded runner definitions once.
var builtinRunners = sync.OnceValues(func() (map[string]*Runner, error) {
	r := &report{}
	d, root := parseDoc("runners.yaml", runnersYAML, r)
	list := d.runners(root)
	if err := r.errs.err(); err != nil {
		return nil, fmt.Errorf("loading built-in runners: %w", err)
	}
	out := make(map[string]*Runner, len(list))
	for _, rn := range list {
		out[rn.Name] = rn
	}
	return out, nil
})

// LoadRunnerFile loads a runner.yaml file in StackStorm's format (a list of
// runner definitions). The error, if any, is an ErrorList.
func LoadRunnerFile(path string) ([]*Runner, error) {
	r := &report{}
	d, root := readDoc(path, r)
	var list []*Runner
	if root != nil {
		list = d.runners(root)
	}
	return list, r.errs.err()
}

func (d *doc) runners(root *yaml.Node) []*Runner {
	seq := deref(root)
	if seq == nil || seq.Kind != yaml.SequenceNode {
		d.errorf(root, "a runner file must be a list of runner definitions, got %s", kindName(seq))
		return nil
	}
	var out []*Runner
	for _, n := range seq.Content {
		if rn := d.runner(n); rn != nil {
			out = append(out, rn)
		}
	}
	return out
}

func (d *doc) runner(n *yaml.Node) *Runner {
	f, ok := d.mapping(n, "runner", runnerFields, []string{"name"})
	if !ok {
		return nil
	}
	rn := &Runner{
		Name:         d.optStr(f, "name"),
		Description:  d.optStr(f, "description"),
		Enabled:      d.boolean(f, "enabled", true),
		Aliases:      d.strList(f, "aliases"),
		OutputKey:    d.optStr(f, "output_key"),
		OutputSchema: d.object(f, "output_schema"),
		Pos:          d.pos(n),
		Parameters:   map[string]*Param{},
	}
	for name, spec := range d.params(f.get("runner_parameters"), "runner "+rn.Name) {
		rn.Parameters[name] = spec.param
		d.r.checkParam(spec.param, spec.attrs)
	}
	return rn
}
