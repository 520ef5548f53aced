// Package catalog loads and compiles the packs of a function (the packs
// layer) the way the stack compiled them.
package catalog

import (
	"fmt"

	"github.com/stormless/stormless/internal/enforce"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/workflow"
	"github.com/stormless/stormless/statemachines"
)

// Load loads the packs under dir.
func Load(dir string) (*pack.Set, error) {
	set, err := pack.Load(dir)
	if err != nil {
		return nil, fmt.Errorf("loading packs from %s: %w", dir, err)
	}
	return set, nil
}

// Compile loads the packs under dir and compiles them as the stack did:
// workflow actions start their own state machines, named by
// workflow.StateMachineARN in region and account.
func Compile(dir, region, account string) (*pack.Set, *enforce.Catalog, error) {
	set, err := Load(dir)
	if err != nil {
		return nil, nil, err
	}
	opts := workflow.PackOptions(set, "${"+statemachines.RunnerFunctionARN+"}", WorkflowARN(region, account))
	c, err := enforce.NewCatalog(set, nil, opts)
	if err != nil {
		return nil, nil, fmt.Errorf("compiling packs from %s: %w", dir, err)
	}
	return set, c, nil
}

// WorkflowARN returns the function that names workflow action ref's state
// machine in region and account (enforce.WithWorkflowARN).
func WorkflowARN(region, account string) func(ref string) string {
	return func(ref string) string { return workflow.StateMachineARN(region, account, ref) }
}
