package local

import (
	"fmt"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/enforce"
	"github.com/stormless/stormless/internal/eventpattern"
	"github.com/stormless/stormless/internal/pack"
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

// buildCatalog compiles every enabled rule and every action of set.
func buildCatalog(set *pack.Set, configs map[string]map[string]any) (*enforce.Catalog, error) {
	c, err := enforce.NewCatalog(set, configs, workflow.PackOptions(set, RunnerFunction, workflowARN))
	if err != nil {
		return nil, fmt.Errorf("compiling packs: %w", err)
	}
	return c, nil
}

// buildMatcher adds every enabled rule's event pattern under its ref.
func buildMatcher(c *enforce.Catalog) (*eventpattern.Matcher, error) {
	m, err := eventpattern.NewMatcher()
	if err != nil {
		return nil, fmt.Errorf("creating matcher: %w", err)
	}
	for ref, cr := range c.Rules() {
		js, err := cr.PatternJSON()
		if err != nil {
			return nil, fmt.Errorf("encoding pattern of %s: %w", ref, err)
		}
		p, err := eventpattern.Parse(js)
		if err != nil {
			return nil, fmt.Errorf("parsing pattern of %s: %w", ref, err)
		}
		if err := m.Add(ref, p); err != nil {
			return nil, fmt.Errorf("adding pattern of %s: %w", ref, err)
		}
	}
	return m, nil
}
