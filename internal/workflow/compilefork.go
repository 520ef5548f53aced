package workflow

import (
	"slices"
	"strings"

	"github.com/stormless/stormless/internal/workflow/expr"
)

// forkPlan is how a fork compiles: the join task where the branches meet
// ("" when they end separately), each branch's tasks, and the number of
// branches that must arrive at the join (all of them for join: all).
type forkPlan struct {
	join     string
	branches [][]string
	count    int
}

// joinedField is the key of a branch's output that says whether the
// branch arrived at the join.
const joinedField = "sl_joined"

// fork builds a Parallel state named name running one branch per target,
// and returns its name. Each branch works on branch-local copies of the
// variables it assigns and outputs the published ones, which the Parallel
// state assigns back (the last branch wins). The state goes on to the join
// task, or ends the region when the branches end separately.
func (c *compiler) fork(name string, targets []string, at Pos) string {
	plan, ok := c.planFork(targets, at)
	if !ok {
		return c.r.failed
	}
	branches := make([]any, len(targets))
	assign := newObject()
	for i, target := range targets {
		br, exported := c.branch(name+".b"+itoa(i+1), target, plan, i)
		branches[i] = br
		for _, v := range exported {
			assign.set(c.r.v(v), jexpr("$states.result["+itoa(i)+"]."+fieldPath(v)))
		}
	}
	par := newObject().set("Type", "Parallel").set("Branches", branches)
	if assign.len() > 0 {
		par.set("Assign", assign)
	}
	next := c.r.end
	if plan.join != "" {
		c.r.queue = append(c.r.queue, plan.join)
		next = c.entry(c.wf.Task(plan.join))
	}
	if plan.count > 0 {
		next = c.countJoin(name, plan.join, plan.count, next)
	}
	c.r.states.set(name, par.set("Next", next))
	return name
}

// countJoin adds the Choice state after a fork whose join waits for count
// of its branches (each branch's output says whether it arrived): the join
// runs when at least count arrived; when some but fewer did, the workflow
// fails with Orquesta's UnreachableJoinError; when none did, the region
// ends.
func (c *compiler) countJoin(name, joinTask string, count int, join string) string {
	arrived := "$count($states.input[" + joinedField + "])"
	msg := "UnreachableJoinError: The join task|route \"" + joinTask + "|0\" is partially satisfied but unreachable."
	c.r.states.set(name+".unreachable", newObject().set("Type", "Pass").
		set("Assign", newObject().set(c.r.v(varErrors), jexpr(c.appendError(joinTask, msg, false)))).
		set("Next", c.r.failed))
	c.r.states.set(name+".joined", newObject().set("Type", "Choice").
		set("Choices", []any{
			newObject().set("Condition", jexpr(arrived+" >= "+itoa(count))).set("Next", join),
			newObject().set("Condition", jexpr(arrived+" > 0")).set("Next", name+".unreachable"),
		}).
		set("Default", c.r.end))
	return name + ".joined"
}

// branch builds branch i of plan, starting at target, and returns it with
// the variables it hands back.
func (c *compiler) branch(prefix, target string, plan *forkPlan, i int) (*object, []string) {
	c.branches++
	locals, exported := c.branchVars(plan.branches[i])
	br := &region{states: newObject(), parent: c.r, stop: plan.join, failed: prefix + ".failed", local: map[string]string{}}
	br.end = prefix + ".end"
	if c.needEnd {
		br.end = prefix + ".check"
	}
	copies := newObject()
	for _, v := range locals {
		br.local[v] = localName(c.branches, v)
		copies.set(br.local[v], jexpr("$"+c.r.v(v)))
	}
	joined := ""
	if plan.count > 0 {
		joined = localName(c.branches, joinedField)
		br.arrive = prefix + ".arrive"
		copies.set(joined, false)
		br.states.set(br.arrive, newObject().set("Type", "Pass").set("Assign", newObject().set(joined, true)).set("Next", br.end))
	}
	start := newObject().set("Type", "Pass")
	if copies.len() > 0 {
		start.set("Assign", copies)
	}
	br.states.set(prefix, start)
	prev := c.r
	c.r = br
	br.queue = []string{target}
	start.set("Next", c.entry(c.wf.Task(target)))
	c.emitQueue()
	c.branchFinal(prefix, exported, joined)
	c.r = prev
	return newObject().set("StartAt", prefix).set("States", br.states), exported
}

// branchFinal adds a branch's final states: the error check (when a fail
// command can let a branch go on), the output of the exported variables
// (and of joined, the variable marking arrival at a counted join, when
// set), and the Fail state.
func (c *compiler) branchFinal(prefix string, exported []string, joined string) {
	errs := "$" + c.r.v(varErrors)
	if c.needEnd {
		c.r.states.set(prefix+".check", newObject().set("Type", "Choice").
			set("Choices", []any{newObject().set("Condition", jexpr("$count("+errs+") > 0")).set("Next", c.r.failed)}).
			set("Default", prefix+".end"))
	}
	out := newObject()
	for _, v := range exported {
		out.set(v, jexpr("$"+c.r.v(v)))
	}
	if joined != "" {
		out.set(joinedField, jexpr("$"+joined))
	}
	end := newObject().set("Type", "Pass")
	if out.len() > 0 {
		end.set("Output", out)
	}
	c.r.states.set(prefix+".end", end.set("End", true))
	c.r.states.set(c.r.failed, newObject().set("Type", "Fail").set("Error", "StackStorm.WorkflowFailed").
		set("Cause", jexpr("$string({'output': null, 'errors': "+errs+"})")))
}

// branchVars lists the variables a branch's tasks assign (all get local
// copies: the errors, the st2kv() values, ...) and those it hands back:
// published variables and task records.
func (c *compiler) branchVars(tasks []string) (locals, exported []string) {
	add := func(list *[]string, v string) {
		if !slices.Contains(*list, v) {
			*list = append(*list, v)
		}
	}
	// Every branch may fetch st2kv() values (task input, next, retry).
	add(&locals, varErrors)
	add(&locals, expr.KVVar)
	for _, name := range tasks {
		t := c.wf.Task(name)
		for _, tr := range t.Next {
			for _, p := range tr.Publish {
				v, _ := expr.VarName(p.Name)
				add(&locals, v)
				add(&exported, v)
			}
		}
		if v, ok := expr.TaskVar(name); ok && c.taskRefs[name] {
			add(&locals, v)
			add(&exported, v)
		}
		if t.Retry != nil {
			add(&locals, varRetry+name)
		}
	}
	return locals, exported
}

// planFork finds the join of a fork and each branch's tasks, rejecting
// what one Parallel state cannot express.
func (c *compiler) planFork(targets []string, at Pos) (*forkPlan, bool) {
	p := &forkPlan{join: c.findJoin(targets)}
	owner := map[string]int{}
	for i, target := range targets {
		tasks := c.reach(target, p.join)
		for _, x := range tasks {
			if j, ok := owner[x]; ok && j != i {
				c.add(at, "task %s is reached from two branches of the fork into %s without a join: not supported by the compiler", x, strings.Join(targets, ", "))
				return nil, false
			}
			if c.emitted[x] || c.isStop(x) {
				c.add(at, "the fork into %s leads back to task %s outside the fork (from task %s): not supported by the compiler", strings.Join(targets, ", "), x, c.leadsBack(tasks, x))
				return nil, false
			}
			owner[x] = i
		}
		p.branches = append(p.branches, tasks)
	}
	return p, c.checkJoin(p, targets, owner, at)
}

// leadsBack names the tasks of a branch (tasks) with a transition to x.
func (c *compiler) leadsBack(tasks []string, x string) string {
	var from []string
	for _, name := range inbound(c.wf)[x] {
		if slices.Contains(tasks, name) && !slices.Contains(from, name) {
			from = append(from, name)
		}
	}
	return strings.Join(from, ", ")
}

// checkJoin rejects joins that one Parallel state cannot express.
func (c *compiler) checkJoin(p *forkPlan, targets []string, owner map[string]int, at Pos) bool {
	if p.join == "" {
		return true
	}
	jt := c.wf.Task(p.join)
	if jt.Join.Count > len(targets) {
		c.add(jt.Join.Pos, "task %s joins %d branches but the fork into %s has only %d: it would never run", p.join, jt.Join.Count, strings.Join(targets, ", "), len(targets))
		return false
	}
	p.count = len(targets)
	if jt.Join.Count > 0 {
		p.count = jt.Join.Count
	}
	for _, from := range inbound(c.wf)[p.join] {
		if _, ok := owner[from]; !ok {
			c.add(jt.Pos, "task %s joins the fork into %s but is also reached from task %s outside it: not supported by the compiler", p.join, strings.Join(targets, ", "), from)
			return false
		}
	}
	return true
}

// isStop reports whether name is the join of an enclosing fork.
func (c *compiler) isStop(name string) bool {
	for r := c.r; r != nil; r = r.parent {
		if r.stop == name {
			return true
		}
	}
	return false
}

// findJoin returns the join task every target leads to, nearest the first
// target, or "".
func (c *compiler) findJoin(targets []string) string {
	for _, cand := range c.reach(targets[0], "") {
		t := c.wf.Task(cand)
		if t.Join == nil {
			continue
		}
		all := true
		for _, other := range targets[1:] {
			all = all && slices.Contains(c.reach(other, ""), cand)
		}
		if all {
			return cand
		}
	}
	return ""
}

// reach lists the tasks reachable from start, breadth first, not entering
// stop.
func (c *compiler) reach(start, stop string) []string {
	var out []string
	queue := []string{start}
	seen := map[string]bool{}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if seen[name] || name == stop || c.wf.Task(name) == nil {
			continue
		}
		seen[name] = true
		out = append(out, name)
		for _, tr := range c.wf.Task(name).Next {
			queue = append(queue, taskTargets(tr)...)
		}
	}
	return out
}
