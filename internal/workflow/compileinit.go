package workflow

import (
	"strconv"

	"github.com/stormless/stormless/internal/workflow/expr"
)

// Internal variables the compiled machine keeps besides the context.
const (
	varErrors = "sl_errors"
	varRetry  = "sl_retry_"
)

// scope is what expressions outside tasks see: the context variables.
func (c *compiler) scope() *expr.Scope {
	return &expr.Scope{Vars: c.vars, Rename: c.r.v}
}

// initStates adds the states assigning input and vars, and returns the
// name of the first state.
func (c *compiler) initStates() string {
	assign := newObject()
	c.inputAssign = assign
	for _, p := range c.wf.Input {
		if p.Name == "st2" {
			continue
		}
		name, _ := expr.VarName(p.Name)
		assign.set(name, jexpr(c.inputExpr(p)))
	}
	assign.set("st2", jexpr("$merge([{'action_execution_id': $states.context.Execution.Id}, $exists($states.input.st2) ? $states.input.st2 : {}])"))
	assign.set("parent", jexpr("$exists($states.input.parent) ? $states.input.parent : null"))
	for _, name := range c.publishedOnly() {
		v, _ := expr.VarName(name)
		assign.set(v, nil)
	}
	for _, t := range c.wf.Tasks {
		if v, ok := expr.TaskVar(t.Name); ok && c.taskRefs[t.Name] {
			assign.set(v, nil)
		}
	}
	assign.set(varErrors, []any{})
	assign.set(expr.KVVar, newObject())
	for _, t := range c.wf.Tasks {
		if t.Retry != nil {
			assign.set(varRetry+t.Name, 0)
		}
	}
	input := newObject().set("Type", "Pass").set("Assign", assign)
	c.states.set(StateInput, input)
	kv := c.takeKV()
	input.set("Next", c.varStates())
	if len(kv) == 0 {
		return StateInput
	}
	return c.inputKV(kv, assign)
}

// inputKV adds the state fetching the st2kv() lookups of input defaults
// before "workflow.input", and returns its name. It is the first state:
// it sets the key-value variable (which "workflow.input" then keeps) and
// passes the execution input on.
func (c *compiler) inputKV(kv []expr.KVRef, assign *object) string {
	assign.set(expr.KVVar, jexpr("$"+expr.KVVar))
	fetch := c.kvFetch(kv, StateInput).
		set("Assign", newObject().set(expr.KVVar, jexpr("$states.result.Payload.result"))).
		set("Output", jexpr("$states.input"))
	c.states.set(StateInput+".kv", fetch)
	return StateInput + ".kv"
}

// inputExpr reads input p from the execution input, or its default.
func (c *compiler) inputExpr(p *Param) string {
	field := "$states.input." + fieldPath(p.Name)
	def := "null"
	if p.HasDefault && p.Value != nil {
		def = c.jsonata(p.Value, c.scope())
	}
	return "$exists(" + field + ") ? " + field + " : " + def
}

// fieldPath renders a field name for a JSONata path.
func fieldPath(name string) string {
	if expr.IsIdent(name) {
		return name
	}
	return "`" + name + "`"
}

// varStates adds Pass states assigning the vars, in layers so that a var
// reading an earlier one is assigned after it, and returns the first
// state's name (the first task's when there are no vars).
func (c *compiler) varStates() string {
	layers := c.varLayers()
	states := make([]*object, len(layers))
	kvs := make([][]expr.KVRef, len(layers))
	for i, layer := range layers {
		assign := newObject()
		for _, p := range layer {
			name, _ := expr.VarName(p.Name)
			assign.set(name, c.render(p.Value, c.scope()))
		}
		states[i], kvs[i] = newObject().set("Type", "Pass").set("Assign", assign), c.takeKV()
	}
	entries := make([]string, len(layers)+1)
	entries[len(layers)] = c.startEntry()
	for i := range layers {
		entries[i] = layerName(i)
		if len(kvs[i]) > 0 {
			entries[i] += ".kv"
		}
	}
	for i, st := range states {
		c.kvState(layerName(i), kvs[i], st.set("Next", entries[i+1]))
	}
	return entries[0]
}

func layerName(i int) string {
	if i == 0 {
		return StateVars
	}
	return StateVars + "." + strconv.Itoa(i+1)
}

// varLayers groups the vars: a var that reads a var of the current layer
// starts a new one (Assign evaluates every field before assigning any).
func (c *compiler) varLayers() [][]*Param {
	var layers [][]*Param
	cur := map[string]bool{}
	for _, p := range c.wf.Vars {
		if len(layers) == 0 || readsAny(p.Value, cur) {
			layers = append(layers, nil)
			cur = map[string]bool{}
		}
		layers[len(layers)-1] = append(layers[len(layers)-1], p)
		cur[p.Name] = true
	}
	return layers
}

// readsAny reports whether an expression in v reads a variable in names.
func readsAny(v *Value, names map[string]bool) bool {
	found := false
	if v == nil {
		return false
	}
	v.Walk(func(s string, _ *Value) {
		segs, err := expr.ParseTemplate(s)
		if err != nil {
			return
		}
		for _, seg := range segs {
			if !seg.Expr || seg.Dialect == expr.JSONata {
				continue
			}
			if n, err := expr.Parse(seg.Src, seg.Dialect); err == nil {
				for _, r := range expr.FindRefs(n).Ctx {
					found = found || names[r.Name]
				}
			}
		}
	})
	return found
}

// startEntry is the entry state of the (single) start task.
func (c *compiler) startEntry() string {
	starts := StartTasks(c.wf)
	switch len(starts) {
	case 0:
		return StateOutput
	case 1:
		return c.entry(starts[0])
	}
	return startFork
}

// publishedOnly lists the variables only a publish defines; they start as
// null so that expressions reading them before any publish see null.
func (c *compiler) publishedOnly() []string {
	declared := map[string]bool{"st2": true, "parent": true}
	for _, p := range c.wf.Input {
		declared[p.Name] = true
	}
	for _, p := range c.wf.Vars {
		declared[p.Name] = true
	}
	var out []string
	for _, name := range c.vars {
		if !declared[name] {
			out = append(out, name)
		}
	}
	return out
}
