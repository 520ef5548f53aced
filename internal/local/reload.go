package local

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/enforce"
	"github.com/stormless/stormless/internal/eventpattern"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/timer"
	"github.com/stormless/stormless/internal/workflow"
)

// ErrNoPackDirs is returned (wrapped) by Reload when the engine was given
// a loaded pack set (WithPackSet) and no directories to load again
// (WithPacks).
var ErrNoPackDirs = errors.New("no pack directories to reload from")

// generation is one compiled pack set: what Reload switches at once.
type generation struct {
	set     *pack.Set
	catalog *enforce.Catalog
	matcher *eventpattern.Matcher
	// workflows are the workflow actions' machines by ARN.
	workflows map[string]workflowMachine
}

// current returns the packs the engine works from now.
func (e *Engine) current() *generation { return e.gen.Load() }

// compile reads the configs of set's packs and compiles its rules,
// actions and patterns; the workflow machines are loaded by loadWorkflows.
func (e *Engine) compile(set *pack.Set) (*generation, error) {
	configs, err := e.packConfigs(set)
	if err != nil {
		return nil, err
	}
	c, err := buildCatalog(set, configs)
	if err != nil {
		return nil, err
	}
	m, err := buildMatcher(c)
	if err != nil {
		return nil, err
	}
	return &generation{set: set, catalog: c, matcher: m}, nil
}

// loadWorkflows compiles g's workflow machines on the interpreter.
func (e *Engine) loadWorkflows(g *generation) error {
	g.workflows = map[string]workflowMachine{}
	for ref, a := range g.catalog.Actions() {
		if a.Workflow == nil {
			continue
		}
		m, err := e.interp.Load(workflow.StateMachineName(ref), a.Workflow)
		if err != nil {
			return fmt.Errorf("loading workflow %s: %w", ref, err)
		}
		g.workflows[m.ARN] = workflowMachine{ref: ref, machine: m}
	}
	return nil
}

// Reload loads the packs again from the directories WithPacks named,
// compiles them and switches to them at once: rules, their patterns and
// timers, actions and workflows. Work already under way finishes with
// what it started with (an execution its action and workflow; a
// workflow's next task, though, runs the action as now loaded); each
// later lookup sees the new packs. When the packs do not load or compile,
// the engine keeps the packs it had and the error is a pack.ErrorList of
// located problems (file:line:col: message). Reloads are serialised; Reload
// is safe to call concurrently with everything else.
func (e *Engine) Reload(ctx context.Context) (*pack.Set, error) {
	e.reloadMu.Lock()
	defer e.reloadMu.Unlock()
	if len(e.cfg.packDirs) == 0 {
		return nil, fmt.Errorf("reloading packs: %w", ErrNoPackDirs)
	}
	if _, err := e.hold(); err != nil {
		return nil, fmt.Errorf("reloading packs: %w", err)
	}
	defer e.wg.Done()
	set, err := pack.Load(e.cfg.packDirs...)
	if err != nil {
		return nil, fmt.Errorf("reloading packs: %w", err)
	}
	g, err := e.compile(set)
	if err == nil {
		err = e.loadWorkflows(g)
	}
	if err != nil {
		return nil, fmt.Errorf("reloading packs: %w", locate(err, e.cfg.packDirs[0]))
	}
	e.gen.Store(g)
	e.enforcer.SetCatalog(g.catalog)
	// Once switched, the timers follow even if the caller has gone.
	if err := e.syncTimers(context.WithoutCancel(ctx)); err != nil {
		e.report(fmt.Errorf("reloading packs: %w", err))
	}
	return set, nil
}

// syncTimers makes the scheduled timers those of the current rules,
// keeping the phase of those that stay.
func (e *Engine) syncTimers(ctx context.Context) error {
	e.mu.Lock()
	s := e.timers
	e.mu.Unlock()
	if s == nil {
		return nil
	}
	if err := s.Sync(ctx, e.timerTriggers()); err != nil {
		return fmt.Errorf("scheduling timers: %w", err)
	}
	return nil
}

// timerTriggers are the timers the enabled rules declare.
func (e *Engine) timerTriggers() []bus.Trigger {
	g := e.current()
	var out []bus.Trigger
	for ref := range g.catalog.Rules() {
		r, ok := g.catalog.PackRule(ref)
		if ok && timer.IsTimer(r.Trigger.Type) {
			out = append(out, bus.Trigger{Type: r.Trigger.Type, Parameters: r.Trigger.Parameters})
		}
	}
	return out
}

// locate turns a compile error into a pack.ErrorList: workflow problems
// keep their file, line and column; any other problem is placed at file.
func locate(err error, file string) pack.ErrorList {
	var list pack.ErrorList
	if errors.As(err, &list) {
		return list
	}
	var wl workflow.ErrorList
	if errors.As(err, &wl) && len(wl) > 0 {
		out := make(pack.ErrorList, 0, len(wl))
		for _, w := range wl {
			out = append(out, workflowProblem(w))
		}
		return out
	}
	var w *workflow.Error
	if errors.As(err, &w) {
		return pack.ErrorList{workflowProblem(w)}
	}
	return pack.ErrorList{{Pos: pack.Pos{File: file}, Msg: err.Error()}}
}

// workflowProblem is w as a pack problem at the same place.
func workflowProblem(w *workflow.Error) *pack.Error {
	msg := strings.TrimPrefix(w.Error(), w.Pos.String()+": ")
	return &pack.Error{Pos: pack.Pos{File: w.Pos.File, Line: w.Pos.Line, Col: w.Pos.Col}, Msg: msg}
}
