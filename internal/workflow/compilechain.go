package workflow

import (
	"slices"

	"github.com/stormless/stormless/internal/workflow/expr"
)

// varInput holds an action-chain's execution input: its parameters.
const varInput = "sl_input"

// CompileChain validates an action-chain (returning ValidateChain's
// ErrorList if it is invalid) and compiles it to a state machine in the
// same shape as Compile's: each node a Task state invoking the runner, then
// a Choice state going to on-success (publishing first) or on-failure. A
// failure with no on-failure fails the execution; the chain succeeds when
// its last node did, as StackStorm's runner decides. Jinja names resolve
// to, in order: action_context ($st2 with parent.execution_id the chain's
// execution, as its nodes see it), __results (every node's result so
// far), vars and published variables ($name), node names (that node's
// result), and otherwise the chain's parameters ($sl_input.name). The
// output is {"output": {published and vars}}.
func CompileChain(ch *Chain, opts Options) ([]byte, error) {
	if errs := ValidateChain(ch); errs != nil {
		return nil, errs
	}
	if opts.RunnerFunction == "" {
		opts.RunnerFunction = DefaultRunnerFunction
	}
	cc := &chainCompiler{ch: ch, compiler: &compiler{opts: opts, taskRefs: map[string]bool{},
		params: map[string]any{}, taskKV: map[string][]expr.KVRef{}}}
	cc.vars = chainVars(ch)
	for _, n := range ch.Nodes {
		if _, ok := expr.TaskVar(n.Name); !ok {
			cc.add(n.Pos, "chain node name %q is not an identifier", n.Name)
		}
	}
	for _, v := range cc.vars {
		if _, ok := expr.VarName(v); !ok {
			cc.add(ch.Pos, "variable name %q is not an identifier", v)
		}
	}
	if err := cc.err(); err != nil {
		return nil, err
	}
	m := cc.machine()
	if cc.err() == nil {
		cc.checkEmitted(ch.Pos.File, m)
	}
	if err := cc.err(); err != nil {
		return nil, err
	}
	return marshalIndent(m)
}

// chainCompiler compiles one action-chain.
type chainCompiler struct {
	*compiler
	ch *Chain
}

// chainVars lists vars then published names, each once.
func chainVars(ch *Chain) []string {
	var names []string
	add := func(ps []*Param) {
		for _, p := range ps {
			if !slices.Contains(names, p.Name) {
				names = append(names, p.Name)
			}
		}
	}
	add(ch.Vars)
	for _, n := range ch.Nodes {
		add(n.Publish)
	}
	return names
}

// scope resolves the chain's bare Jinja names.
func (cc *chainCompiler) chainScope() *expr.Scope {
	return &expr.Scope{Vars: cc.vars, Names: cc.name}
}

func (cc *chainCompiler) name(n string) (string, bool) {
	switch {
	case n == "action_context":
		return "$merge([$st2, {'parent': {'execution_id': $states.context.Execution.Id}}])", true
	case n == "__results":
		return cc.results(), true
	case slices.Contains(cc.vars, n):
		v, ok := expr.VarName(n)
		return "$" + v, ok
	case cc.ch.Node(n) != nil:
		v, ok := expr.TaskVar(n)
		return "$" + v + ".result", ok
	}
	return "$" + varInput + "." + fieldPath(n), true
}

// results builds the object of every node's result.
func (cc *chainCompiler) results() string {
	s := "{"
	for i, n := range cc.ch.Nodes {
		if v, ok := expr.TaskVar(n.Name); ok {
			if i > 0 {
				s += ", "
			}
			s += quoteJSONata(n.Name) + ": $" + v + ".result"
		}
	}
	return s + "}"
}

func (cc *chainCompiler) machine() *object {
	cc.states = newObject()
	cc.r = &region{states: cc.states, failed: StateFailed, end: StateOutput}
	for _, n := range cc.ch.Nodes {
		cc.params[n.Name] = cc.render(n.Params, cc.chainScope())
		cc.taskKV[n.Name] = cc.takeKV()
	}
	assign := newObject().set(varInput, jexpr("$states.input")).
		set("st2", jexpr("$merge([{'action_execution_id': $states.context.Execution.Id}, $exists($states.input.st2) ? $states.input.st2 : {}])")).
		set(varErrors, []any{}).set(expr.KVVar, newObject())
	for _, name := range cc.vars {
		if !isChainVar(cc.ch, name) {
			v, _ := expr.VarName(name)
			assign.set(v, nil)
		}
	}
	for _, n := range cc.ch.Nodes {
		v, _ := expr.TaskVar(n.Name)
		assign.set(v, nil)
	}
	input := newObject().set("Type", "Pass").set("Assign", assign)
	cc.states.set(StateInput, input)
	input.set("Next", cc.chainVarsState())
	for _, n := range cc.ch.Nodes {
		cc.node(n)
	}
	cc.chainFinal()
	m := newObject().set("QueryLanguage", "JSONata").set("StartAt", StateInput).set("States", cc.states)
	return m
}

// chainVarsState adds the state assigning the chain's vars and returns the
// state to go to after the input.
func (cc *chainCompiler) chainVarsState() string {
	start := cc.nodeEntry(cc.ch.Start())
	if len(cc.ch.Vars) == 0 {
		return start
	}
	assign := newObject()
	for _, p := range cc.ch.Vars {
		v, _ := expr.VarName(p.Name)
		assign.set(v, cc.render(p.Value, cc.chainScope()))
	}
	return cc.kvState(StateVars, cc.takeKV(), newObject().set("Type", "Pass").set("Assign", assign).set("Next", start))
}

// nodeEntry is the first state of node n (its st2kv() lookup or the node).
func (cc *chainCompiler) nodeEntry(n *Node) string {
	if n == nil {
		return StateOutput
	}
	if len(cc.taskKV[n.Name]) > 0 {
		return n.Name + ".kv"
	}
	return n.Name
}

// node adds a node's Task state and the Choice state after it (behind
// the fetch of its publish's st2kv() keys, when it has any).
func (cc *chainCompiler) node(n *Node) {
	t := &Task{Name: n.Name, Action: n.Ref, Pos: n.Pos}
	st := cc.invoke(t, cc.params[n.Name], false).set("Next", n.Name+".next")
	v, _ := expr.TaskVar(n.Name)
	assignRecord(st, v)
	for _, ct := range st.vals["Catch"].([]any) {
		assignRecord(ct.(*object), v)
	}
	cc.kvState(n.Name, cc.taskKV[n.Name], st)
	publish := newObject()
	for _, p := range n.Publish {
		name, _ := expr.VarName(p.Name)
		publish.set(name, cc.render(p.Value, cc.chainScope()))
	}
	name := n.Name + ".next"
	kv := cc.takeKV()
	if len(kv) == 0 {
		cc.states.set(name, cc.nodeChoice(n, publish))
		return
	}
	// "<node>.next" fetches the publish's st2kv() keys, passing the record
	// on to the Choice state.
	cc.states.set(name, cc.kvFetch(kv, name+".choice").set("Output", jexpr(recordVar)))
	cc.states.set(name+".choice", cc.nodeChoice(n, publish))
}

func (cc *chainCompiler) nodeChoice(n *Node, publish *object) *object {
	success := StateOutput
	if n.OnSuccess.Name != "" {
		success = cc.nodeEntry(cc.ch.Node(n.OnSuccess.Name))
	}
	rules := []any{rule(isSucceeded, publish, success)}
	if n.OnFailure.Name == "" {
		fail := newObject().set(varErrors, jexpr(cc.appendError(n.Name, "Execution failed. See result for details.", true)))
		return newObject().set("Type", "Choice").set("Choices", append(rules, rule("true", fail, StateFailed))).set("Default", StateFailed)
	}
	return newObject().set("Type", "Choice").set("Choices", rules).set("Default", cc.nodeEntry(cc.ch.Node(n.OnFailure.Name)))
}

// chainFinal adds the output and failure states.
func (cc *chainCompiler) chainFinal() {
	var output any
	if len(cc.vars) > 0 {
		o := newObject()
		for _, name := range cc.vars {
			v, _ := expr.VarName(name)
			o.set(name, jexpr("$"+v))
		}
		output = o
	}
	cc.states.set(StateOutput, newObject().set("Type", "Succeed").set("Output", newObject().set("output", output)))
	cc.states.set(StateFailed, newObject().set("Type", "Fail").
		set("Error", "StackStorm.WorkflowFailed").
		set("Cause", jexpr("$string({'output': null, 'errors': $"+varErrors+"})")))
}

// isChainVar reports whether name is one of the chain's vars.
func isChainVar(ch *Chain, name string) bool {
	for _, p := range ch.Vars {
		if p.Name == name {
			return true
		}
	}
	return false
}
