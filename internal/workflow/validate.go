package workflow

import (
	"fmt"
	"slices"
)

// builtinVars are context variables StackStorm always provides.
var builtinVars = []string{"st2", "parent"}

// Validate checks a parsed Orquesta workflow: every do names a task or an
// engine command, every task is reachable from a start task (one no
// transition leads to), joins have enough inbound branches, and every
// expression parses and reads only context variables that the input, vars
// or some publish define, and tasks that exist. It returns every problem
// found, nil when there is none.
func Validate(wf *Workflow) ErrorList {
	v := &validator{wf: wf}
	v.structure()
	v.expressions()
	if v.err() == nil {
		return nil
	}
	return v.list
}

// validator accumulates the problems of one workflow.
type validator struct {
	wf *Workflow
	errs
}

func (v *validator) structure() {
	if len(v.wf.Tasks) == 0 {
		v.add(v.wf.Pos, "workflow has no tasks")
		return
	}
	for _, t := range v.wf.Tasks {
		if IsCommand(t.Name) {
			v.add(t.Pos, "task name %q is an engine command", t.Name)
		}
		v.targets(t)
	}
	v.reachability()
	v.joins()
}

// targets checks that every do names a task or a command.
func (v *validator) targets(t *Task) {
	for _, tr := range t.Next {
		for _, d := range tr.Do {
			if !IsCommand(d.Name) && v.wf.Task(d.Name) == nil {
				v.add(d.Pos, "task %s transitions to unknown task %q", t.Name, d.Name)
			}
		}
	}
}

// inbound counts, per task, the distinct tasks transitioning to it.
func inbound(wf *Workflow) map[string][]string {
	in := map[string][]string{}
	for _, t := range wf.Tasks {
		for _, tr := range t.Next {
			for _, d := range tr.Do {
				if !slices.Contains(in[d.Name], t.Name) {
					in[d.Name] = append(in[d.Name], t.Name)
				}
			}
		}
	}
	return in
}

// StartTasks returns the tasks no transition leads to, in file order:
// Orquesta runs them first.
func StartTasks(wf *Workflow) []*Task {
	in := inbound(wf)
	var starts []*Task
	for _, t := range wf.Tasks {
		if len(in[t.Name]) == 0 {
			starts = append(starts, t)
		}
	}
	return starts
}

func (v *validator) reachability() {
	starts := StartTasks(v.wf)
	if len(starts) == 0 {
		v.add(v.wf.Pos, "workflow has no start task: every task is the target of a transition")
	}
	seen := map[string]bool{}
	var visit func(t *Task)
	visit = func(t *Task) {
		if t == nil || seen[t.Name] {
			return
		}
		seen[t.Name] = true
		for _, tr := range t.Next {
			for _, d := range tr.Do {
				visit(v.wf.Task(d.Name))
			}
		}
	}
	for _, s := range starts {
		visit(s)
	}
	for _, t := range v.wf.Tasks {
		if !seen[t.Name] {
			v.add(t.Pos, "task %s is unreachable from the start tasks", t.Name)
		}
	}
}

func (v *validator) joins() {
	in := inbound(v.wf)
	for _, t := range v.wf.Tasks {
		if t.Join == nil {
			continue
		}
		n := len(in[t.Name])
		if n < 2 {
			v.add(t.Join.Pos, "task %s joins but only %d task(s) lead to it", t.Name, n)
		}
		if t.Join.Count > n {
			v.add(t.Join.Pos, "task %s joins %d branches but only %d lead to it", t.Name, t.Join.Count, n)
		}
	}
}

// DefinedVars returns the context variables a workflow defines: input,
// vars, every published name, and the built-in st2 and parent, each once,
// in that order.
func DefinedVars(wf *Workflow) []string {
	var names []string
	add := func(n string) {
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	for _, p := range wf.Input {
		add(p.Name)
	}
	for _, p := range wf.Vars {
		add(p.Name)
	}
	for _, t := range wf.Tasks {
		for _, tr := range t.Next {
			for _, p := range tr.Publish {
				add(p.Name)
			}
		}
	}
	for _, n := range builtinVars {
		add(n)
	}
	return names
}

func (v *validator) errorf(at Pos, expr, format string, args ...any) {
	v.addErr(&Error{Pos: at, Expr: expr, Msg: fmt.Sprintf(format, args...)})
}
