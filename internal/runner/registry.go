package runner

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
)

// ErrUnknownRunner is returned (wrapped) for a runner name that no runner
// is registered under.
var ErrUnknownRunner = errors.New("unknown runner")

// Aliases are StackStorm's legacy runner names and what they stand for.
var Aliases = map[string]string{
	"run-local":         "local-shell-cmd",
	"run-local-script":  "local-shell-script",
	"run-remote":        "remote-shell-cmd",
	"run-remote-script": "remote-shell-script",
	"run-python":        "python-script",
	"http-runner":       "http-request",
	"mistral-v2":        "orquesta",
}

// Registry maps runner names to Runners. It is safe for concurrent use;
// registering is meant for start-up.
type Registry struct {
	mu      sync.RWMutex
	runners map[string]Runner
}

// NewRegistry returns an empty Registry.
func NewRegistry() *Registry { return &Registry{runners: map[string]Runner{}} }

// Register makes r the runner for name (StackStorm's canonical name, e.g.
// "local-shell-cmd"), replacing any earlier one.
func (g *Registry) Register(name string, r Runner) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.runners[name] = r
}

// Lookup returns the runner for name or one of StackStorm's aliases of it;
// an error wrapping ErrUnknownRunner when none is registered.
func (g *Registry) Lookup(name string) (Runner, error) {
	g.mu.RLock()
	defer g.mu.RUnlock()
	if r, ok := g.runners[name]; ok {
		return r, nil
	}
	if r, ok := g.runners[Aliases[name]]; ok {
		return r, nil
	}
	return nil, fmt.Errorf("looking up runner %q: %w", name, ErrUnknownRunner)
}

// Names returns the registered names, sorted.
func (g *Registry) Names() []string {
	g.mu.RLock()
	defer g.mu.RUnlock()
	out := make([]string, 0, len(g.runners))
	for n := range g.runners {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Run runs req with the runner its action names (req.Action.Runner). An
// unknown runner gives a failed Result and an error wrapping
// ErrUnknownRunner.
func (g *Registry) Run(ctx context.Context, req Request) (Result, error) {
	r, err := g.Lookup(req.Action.Runner)
	if err != nil {
		return Failed(err), err
	}
	return r.Run(ctx, req)
}
