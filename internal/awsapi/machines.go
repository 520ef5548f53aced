package awsapi

import (
	"sync/atomic"

	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/workflow"
)

// machineIndex maps state machine names to workflow action refs for the
// engine's current pack set, rebuilt when the set changes (a reload).
type machineIndex struct {
	current atomic.Pointer[machines]
}

type machines struct {
	set    *pack.Set
	byName map[string]string
}

// ref returns the workflow action whose state machine is named name.
func (m *machineIndex) ref(set *pack.Set, name string) (string, bool) {
	idx := m.current.Load()
	if idx == nil || idx.set != set {
		idx = indexMachines(set)
		m.current.Store(idx)
	}
	ref, ok := idx.byName[name]
	return ref, ok
}

// isWorkflow reports whether action ref runs as a state machine.
func (m *machineIndex) isWorkflow(set *pack.Set, ref string) bool {
	got, ok := m.ref(set, workflow.StateMachineName(ref))
	return ok && got == ref
}

func indexMachines(set *pack.Set) *machines {
	idx := &machines{set: set, byName: map[string]string{}}
	for _, a := range set.Actions() {
		if rn, ok := set.Runner(a.RunnerType); ok && rn.IsWorkflow() {
			idx.byName[workflow.StateMachineName(a.Ref)] = a.Ref
		}
	}
	return idx
}
