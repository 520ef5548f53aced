package workflow

import (
	"github.com/stormless/stormless/internal/workflow/expr"
)

// DefaultRunnerFunction is the Lambda function Task states invoke when
// Options.RunnerFunction is empty.
const DefaultRunnerFunction = "stormless-runner"

// Options tune Compile. The zero Options is valid.
type Options struct {
	// RunnerFunction is the FunctionName passed to lambda:invoke: the
	// action runner. DefaultRunnerFunction when empty.
	RunnerFunction string
	// Workflow resolves an action ref that is itself a workflow to the ARN
	// of its state machine; such a task starts a nested execution
	// (states:startExecution.sync:2). nil means no action is a workflow.
	Workflow func(ref string) (arn string, ok bool)
	// Actions, when set, tells whether an action ref exists; a task running
	// an unknown action is then an error. nil accepts every ref.
	Actions func(ref string) bool
	// Defaults, when set, gives the parameter defaults of workflow action
	// ref that a task starting it fills in for the parameters it does not
	// give, as StackStorm resolves an action's defaults before it runs (a
	// top-level run gets them from the enforcement machine, a nested one
	// from its parent's state machine). PackOptions sets it.
	Defaults func(ref string) map[string]any
}

// Names of the states Compile adds around the tasks. Task names are
// identifiers, so they never contain the dot these names use.
const (
	StateInput  = "workflow.input"
	StateVars   = "workflow.vars"
	StateEnd    = "workflow.end"
	StateOutput = "workflow.output"
	StateFailed = "workflow.failed"
)

// Compile validates an Orquesta workflow (returning Validate's ErrorList if
// it is invalid) and compiles it to a Step Functions state machine
// definition (ASL JSON, QueryLanguage JSONata), deterministic byte for
// byte. The machine's contract:
//
//   - Execution input: the workflow's input parameters as an object; the
//     optional key "st2" carries StackStorm's runtime context (api_url,
//     user, ...), exposed as ctx(st2) with action_execution_id added.
//   - Each task runs the action runner with lambda:invoke and the payload
//     {"action": ref, "parameters": {...}, "context": {"parent":
//     {"execution_id": ...}, "task_name": ...}}; the runner returns the
//     execution record {"status": "succeeded"|"failed"|..., "result": ...}.
//   - Success: output {"output": {...}}. Failure: a Fail state whose Cause
//     is the JSON {"output": null, "errors": [...]} in StackStorm's shape.
//
// Forks (a do naming several tasks, or several start tasks) become Parallel
// states with one branch per task; the branches end at the nearest task
// with join that all of them reach (which then follows the Parallel state)
// or, without one, where they end. Inside a branch, variables the branch
// assigns are branch-local copies (Step Functions forbids assigning outer
// variables there); the Parallel state assigns the published ones back,
// the last branch winning. An unhandled failure in a branch fails the
// execution at once. A join is a counted barrier: each branch reports in
// its output whether it arrived at the join, and a Choice state
// "<fork>.joined" after the Parallel state runs the join when at least N
// did (N is M for join: all, or the count), once all branches have ended
// rather than as soon as the Nth arrives; when some but fewer than N
// arrived, the workflow fails with Orquesta's UnreachableJoinError; when
// none did, the branches end there. Graphs one Parallel state cannot express are
// rejected with errors naming the tasks: a join also reached from outside
// its fork (crossing joins), a task reached by two branches without a
// join, a branch looping back before its fork.
//
// Like Orquesta, every transition whose condition holds is taken: each set
// of transitions that can hold together becomes one Choice rule publishing
// all and running all their tasks. Beyond four transitions a task, or when
// such a set would run tasks its members also run alone (conditions like
// x = y and x != y, exclusive but not provably so), the first transition
// that holds is taken. Errors are an ErrorList of *Error, each problem once.
func Compile(wf *Workflow, opts Options) ([]byte, error) {
	if errs := Validate(wf); errs != nil {
		return nil, errs
	}
	if opts.RunnerFunction == "" {
		opts.RunnerFunction = DefaultRunnerFunction
	}
	c := &compiler{wf: wf, opts: opts, vars: DefinedVars(wf), taskRefs: map[string]bool{},
		params: map[string]any{}, taskKV: map[string][]expr.KVRef{}, emitted: map[string]bool{}, forks: map[string]int{}}
	c.checkNames()
	c.checkActions()
	if err := c.err(); err != nil {
		return nil, err
	}
	m := c.machine()
	if c.err() == nil {
		c.checkEmitted(wf.Pos.File, m)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	return marshalIndent(m)
}

// compiler holds the state of one compilation.
type compiler struct {
	wf       *Workflow
	opts     Options
	vars     []string
	states   *object
	taskRefs map[string]bool
	// inputAssign is the Assign of the first state, which initialises the
	// variables.
	inputAssign *object
	// params and taskKV are each task's rendered parameters and their
	// st2kv() lookups, prepared before the states are built.
	params map[string]any
	taskKV map[string][]expr.KVRef
	// kv collects the st2kv() lookups of the state being built.
	kv []expr.KVRef
	// r is the region the states being built go to.
	r *region
	// branches counts the Parallel branches built, for unique names.
	branches int
	// emitted records the tasks whose states are built.
	emitted map[string]bool
	// forks counts each task's Parallel states, for unique names.
	forks map[string]int
	// needEnd is set when a branch can end after a fail command was taken,
	// so the end must check for recorded errors.
	needEnd bool
	errs
}

func (c *compiler) machine() *object {
	c.states = newObject()
	c.needEnd = c.failWithTasks()
	c.r = &region{states: c.states, failed: StateFailed, end: c.branchEnd()}
	c.taskRefs = referencedTasks(c.wf)
	for _, t := range c.wf.Tasks {
		c.params[t.Name] = c.render(t.Input, c.taskScope(t))
		c.taskKV[t.Name] = c.takeKV()
	}
	first := c.initStates()
	c.emitStart()
	c.finalStates()
	m := newObject()
	if c.wf.Description != "" {
		m.set("Comment", c.wf.Description)
	}
	m.set("QueryLanguage", "JSONata")
	m.set("StartAt", first)
	m.set("States", c.states)
	return m
}

// branchEnd is where a branch goes when it ends.
func (c *compiler) branchEnd() string {
	if c.needEnd {
		return StateEnd
	}
	return StateOutput
}

// failWithTasks reports whether some transition runs tasks and fails.
func (c *compiler) failWithTasks() bool {
	for _, t := range c.wf.Tasks {
		for _, tr := range t.Next {
			if hasCommand(tr, CmdFail) && len(taskTargets(tr)) > 0 {
				return true
			}
		}
	}
	return false
}

func hasCommand(tr *Transition, cmd string) bool {
	for _, d := range tr.Do {
		if d.Name == cmd {
			return true
		}
	}
	return false
}

// taskTargets returns the task names (not commands) in tr's do.
func taskTargets(tr *Transition) []string {
	var out []string
	for _, d := range tr.Do {
		if !IsCommand(d.Name) {
			out = append(out, d.Name)
		}
	}
	return out
}
