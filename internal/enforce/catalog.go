package enforce

import (
	"errors"
	"fmt"
	"os"

	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/param"
	"github.com/stormless/stormless/internal/rule"
	"github.com/stormless/stormless/internal/runner"
	"github.com/stormless/stormless/internal/workflow"
)

// ErrUnknownAction is returned (wrapped) for an action ref the catalog
// does not hold.
var ErrUnknownAction = errors.New("unknown action")

// ErrUnknownRule is returned (wrapped) for a rule ref the catalog does not
// hold.
var ErrUnknownRule = errors.New("unknown rule")

// Action is one action as the handlers need it: its metadata, compiled
// parameters, the runner's view of it, and for workflow actions the
// compiled state machine.
type Action struct {
	// Pack is the action as loaded, its runner's parameters merged in.
	Pack *pack.Action
	// Params resolves and masks its parameters.
	Params *param.Spec
	// Runner is what a runner is told about the action.
	Runner runner.Action
	// Config is the pack's config (config_context), nil when none.
	Config map[string]any
	// Workflow is the compiled ASL of an orquesta or action-chain action,
	// nil for other runners.
	Workflow []byte
	// Policies are the action's enabled policies, nil when none.
	Policies *Policies
}

// Catalog is what enforcement knows about the loaded packs: compiled rules
// and actions by ref. It is immutable once built and safe for concurrent
// use.
type Catalog struct {
	rules   map[string]*rule.Compiled
	actions map[string]*Action
	set     *pack.Set
}

// NewCatalog compiles every enabled rule and every action of set. configs
// are the packs' configs by pack ref (nil when none); the defaults of each
// pack's config schema fill in what they lack.
// workflowOpts are the options workflow actions compile with (runner
// function, workflow ARNs). A rule or action that does not compile is an
// error naming it.
func NewCatalog(set *pack.Set, configs map[string]map[string]any, workflowOpts workflow.Options) (*Catalog, error) {
	c := &Catalog{rules: map[string]*rule.Compiled{}, actions: map[string]*Action{}, set: set}
	for _, r := range set.Rules() {
		if !r.Enabled {
			continue
		}
		cr, err := rule.Compile(r)
		if err != nil {
			return nil, fmt.Errorf("compiling rule %s: %w", r.Ref, err)
		}
		c.rules[r.Ref] = cr
	}
	policies := policiesOf(set)
	for _, a := range set.Actions() {
		ca, err := compileAction(set, a, configs[a.Pack], workflowOpts)
		if err != nil {
			return nil, fmt.Errorf("compiling action %s: %w", a.Ref, err)
		}
		ca.Policies = policies[a.Ref]
		c.actions[a.Ref] = ca
	}
	return c, nil
}

func compileAction(set *pack.Set, a *pack.Action, config map[string]any, opts workflow.Options) (*Action, error) {
	spec, err := param.Compile(a.Parameters)
	if err != nil {
		return nil, err
	}
	p, _ := set.Pack(a.Pack)
	rn, _ := set.Runner(a.RunnerType)
	out := &Action{Pack: a, Params: spec, Runner: runner.FromPack(a, p, rn), Config: packConfig(p, config)}
	if rn != nil && rn.IsWorkflow() {
		if out.Workflow, err = compileWorkflow(a, opts); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// compileWorkflow compiles the entry point of a workflow action to ASL.
func compileWorkflow(a *pack.Action, opts workflow.Options) ([]byte, error) {
	data, err := os.ReadFile(a.EntryPath)
	if err != nil {
		return nil, fmt.Errorf("reading workflow: %w", err)
	}
	def, err := workflow.Parse(a.EntryPath, data)
	if err != nil {
		return nil, fmt.Errorf("parsing workflow: %w", err)
	}
	if def.Chain != nil {
		return workflow.CompileChain(def.Chain, opts)
	}
	return workflow.Compile(def.Orquesta, opts)
}

// Rule returns the compiled rule ref, or an error wrapping ErrUnknownRule.
func (c *Catalog) Rule(ref string) (*rule.Compiled, error) {
	r, ok := c.rules[ref]
	if !ok {
		return nil, fmt.Errorf("looking up rule %s: %w", ref, ErrUnknownRule)
	}
	return r, nil
}

// Rules returns every compiled rule by ref; the map must not be modified.
func (c *Catalog) Rules() map[string]*rule.Compiled { return c.rules }

// Action returns the action ref, or an error wrapping ErrUnknownAction.
func (c *Catalog) Action(ref string) (*Action, error) {
	a, ok := c.actions[ref]
	if !ok {
		return nil, fmt.Errorf("looking up action %s: %w", ref, ErrUnknownAction)
	}
	return a, nil
}

// Actions returns every action by ref; the map must not be modified.
func (c *Catalog) Actions() map[string]*Action { return c.actions }

// PackRule returns the rule's metadata as loaded.
func (c *Catalog) PackRule(ref string) (*pack.Rule, bool) { return c.set.Rule(ref) }
