package workflow

import (
	"github.com/stormless/stormless/internal/workflow/expr"
)

// startFork is the Parallel state running several start tasks.
const startFork = "workflow.fork"

// emitStart emits the tasks from the start task, or a Parallel state when
// the workflow starts several.
func (c *compiler) emitStart() {
	starts := StartTasks(c.wf)
	if len(starts) > 1 {
		names := make([]string, len(starts))
		for i, t := range starts {
			names[i] = t.Name
		}
		c.fork(startFork, names, starts[1].Pos)
	} else if len(starts) == 1 {
		c.r.queue = append(c.r.queue, starts[0].Name)
	}
	c.emitQueue()
}

// emitQueue emits the queued tasks of the current region, and the tasks
// they lead to, each once.
func (c *compiler) emitQueue() {
	for len(c.r.queue) > 0 {
		name := c.r.queue[0]
		c.r.queue = c.r.queue[1:]
		if c.emitted[name] {
			continue
		}
		c.emitted[name] = true
		if t := c.wf.Task(name); t != nil {
			c.task(t)
		}
	}
}

// goTo returns where a transition to targets goes: the single target's
// entry (queued for emission), the branch end when it is the region's join,
// or a Parallel state running every target.
func (c *compiler) goTo(t *Task, tr *Transition, targets []string) string {
	if len(targets) > 1 {
		c.forks[t.Name]++
		name := t.Name + ".fork"
		if n := c.forks[t.Name]; n > 1 {
			name += "." + itoa(n)
		}
		return c.fork(name, targets, tr.Pos)
	}
	if targets[0] == c.r.stop && c.r.arrive != "" {
		return c.r.arrive
	}
	if targets[0] == c.r.stop {
		return c.r.end
	}
	c.r.queue = append(c.r.queue, targets[0])
	return c.entry(c.wf.Task(targets[0]))
}

// assignTaskRecord makes a task that expressions read with task() or
// task_status() keep its execution record, on success and on a caught
// error alike.
func (c *compiler) assignTaskRecord(t *Task, st *object) {
	v, ok := expr.TaskVar(t.Name)
	if !ok || !c.taskRefs[t.Name] {
		return
	}
	v = c.r.v(v)
	assignRecord(st, v)
	if catches, ok := st.vals["Catch"].([]any); ok {
		for _, ct := range catches {
			assignRecord(ct.(*object), v)
		}
	}
}

// referencedTasks lists the tasks whose records expressions read.
func referencedTasks(wf *Workflow) map[string]bool {
	refs := map[string]bool{}
	walkWorkflowExprs(wf, func(n expr.Node) {
		for _, r := range expr.FindRefs(n).Tasks {
			refs[r.Name] = true
		}
	})
	return refs
}

// walkWorkflowExprs calls f for every parsed YAQL and Jinja expression.
func walkWorkflowExprs(wf *Workflow, f func(expr.Node)) {
	visit := func(v *Value) {
		if v == nil {
			return
		}
		v.Walk(func(s string, _ *Value) {
			segs, err := expr.ParseTemplate(s)
			if err != nil {
				return
			}
			for _, seg := range segs {
				if seg.Expr && seg.Dialect != expr.JSONata {
					if n, err := expr.Parse(seg.Src, seg.Dialect); err == nil {
						f(n)
					}
				}
			}
		})
	}
	for _, list := range [][]*Param{wf.Input, wf.Vars, wf.Output} {
		for _, p := range list {
			visit(p.Value)
		}
	}
	for _, t := range wf.Tasks {
		for _, v := range taskValues(t) {
			visit(v)
		}
	}
}

// taskValues lists every value of a task that may hold expressions.
func taskValues(t *Task) []*Value {
	vals := []*Value{t.Input, t.Delay}
	if t.With != nil {
		vals = append(vals, t.With.Items, t.With.Concurrency)
	}
	if t.Retry != nil {
		vals = append(vals, t.Retry.When, t.Retry.Count, t.Retry.Delay)
	}
	for _, tr := range t.Next {
		vals = append(vals, tr.When)
		for _, p := range tr.Publish {
			vals = append(vals, p.Value)
		}
	}
	return vals
}
