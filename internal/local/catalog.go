package local

import (
	"fmt"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/enforce"
	"github.com/stormless/stormless/internal/eventpattern"
	"github.com/stormless/stormless/internal/workflow"
)

// Function names the interpreter binds to the enforcer and runner
// functions, as the Lambda functions are named on AWS.
const (
	EnforcerFunction = "stormless-enforcer"
	RunnerFunction   = workflow.DefaultRunnerFunction
)

// functionARN is a local Lambda function ARN.
func functionARN(name string) string {
	return "arn:aws:lambda:" + bus.LocalRegion + ":" + bus.LocalAccount + ":function:" + name
}

// workflowARN is the ARN of a workflow action's state machine.
func workflowARN(ref string) string {
	return workflow.StateMachineARN(bus.LocalRegion, bus.LocalAccount, ref)
}

func (e *Engine) buildCatalog() error {
	isWorkflow := map[string]bool{}
	for _, a := range e.set.Actions() {
		if rn, ok := e.set.Runner(a.RunnerType); ok && rn.IsWorkflow() {
			isWorkflow[a.Ref] = true
		}
	}
	opts := workflow.Options{
		RunnerFunction: RunnerFunction,
		Workflow: func(ref string) (string, bool) {
			return workflowARN(ref), isWorkflow[ref]
		},
	}
	c, err := enforce.NewCatalog(e.set, e.cfg.configs, opts)
	if err != nil {
		return fmt.Errorf("compiling packs: %w", err)
	}
	e.catalog = c
	return nil
}

// buildMatcher adds every enabled rule's event pattern under its ref.
func (e *Engine) buildMatcher() error {
	m, err := eventpattern.NewMatcher()
	if err != nil {
		return fmt.Errorf("creating matcher: %w", err)
	}
	for ref, cr := range e.catalog.Rules() {
		js, err := cr.PatternJSON()
		if err != nil {
			return fmt.Errorf("encoding pattern of %s: %w", ref, err)
		}
		p, err := eventpattern.Parse(js)
		if err != nil {
			return fmt.Errorf("parsing pattern of %s: %w", ref, err)
		}
		if err := m.Add(ref, p); err != nil {
			return fmt.Errorf("adding pattern of %s: %w", ref, err)
		}
	}
	e.matcher = m
	return nil
}
