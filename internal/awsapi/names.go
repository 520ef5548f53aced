package awsapi

import "sync"

// names maps the names given to StartExecution to execution ids, per
// state machine, for the life of the process. Safe for concurrent use.
type names struct {
	mu sync.Mutex
	m  map[nameKey]namedRun
}

type nameKey struct{ machine, name string }

// namedRun is the execution started under a name and its input.
type namedRun struct {
	id    string
	input string
}

// get returns the run started as name of machine.
func (n *names) get(machine, name string) (namedRun, bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	r, ok := n.m[nameKey{machine, name}]
	return r, ok
}

// put records a run; false when the name is taken.
func (n *names) put(machine, name string, r namedRun) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.m == nil {
		n.m = map[nameKey]namedRun{}
	}
	k := nameKey{machine, name}
	if _, ok := n.m[k]; ok {
		return false
	}
	n.m[k] = r
	return true
}

// remove forgets a name (its run could not start).
func (n *names) remove(machine, name string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	delete(n.m, nameKey{machine, name})
}
