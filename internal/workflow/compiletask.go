package workflow

import (
	"maps"
	"slices"
	"strings"

	"github.com/stormless/stormless/internal/workflow/expr"
)

// Step Functions resources the compiled tasks use.
const (
	resourceInvoke      = "arn:aws:states:::lambda:invoke"
	resourceInvokeToken = "arn:aws:states:::lambda:invoke.waitForTaskToken"
	resourceStartSync   = "arn:aws:states:::states:startExecution.sync:2"
	// ActionKVLookup is the action the runner performs for st2kv(): its
	// parameters are {"lookups": [{"key", "decrypt"}]}, its result an object
	// from key to value.
	ActionKVLookup = "stormless.kv_lookup"
	// itemPath is where a Map iteration's state finds its item: the Map's
	// ItemSelector passes {"value": item, "index": i} as its input (the
	// context object's Map.Item is only visible in ItemSelector).
	itemPath  = "$states.input.value"
	itemIndex = "$states.input.index"
)

// taskScope is what a task's input sees.
func (c *compiler) taskScope(t *Task) *expr.Scope {
	s := c.scope()
	if t.With != nil {
		s.Item, s.ItemNames = itemPath, t.With.ItemNames
	}
	return s
}

// entry is the first state of task t: its delay, its st2kv() lookup, or
// the action itself.
func (c *compiler) entry(t *Task) string {
	if t.Delay != nil {
		return t.Name + ".delay"
	}
	return c.actionEntry(t)
}

// actionEntry is the first state after t's delay.
func (c *compiler) actionEntry(t *Task) string {
	if len(c.taskKV[t.Name]) > 0 {
		return t.Name + ".kv"
	}
	return t.Name
}

// task adds the states of one task.
func (c *compiler) task(t *Task) {
	c.params[t.Name] = c.render(t.Input, c.taskScope(t)) // again, in this region
	c.taskKV[t.Name] = c.takeKV()
	if t.Delay != nil {
		c.r.states.set(t.Name+".delay", newObject().set("Type", "Wait").
			set("Seconds", c.render(t.Delay, c.scope())).set("Next", c.actionEntry(t)))
	}
	st := c.actionState(t)
	c.assignTaskRecord(t, st)
	c.kvState(t.Name, c.taskKV[t.Name], st)
	c.next(t)
}

// actionState builds the state running t's action, ending in t.next.
func (c *compiler) actionState(t *Task) *object {
	next := t.Name + ".next"
	switch {
	case t.Action == "":
		return newObject().set("Type", "Pass").
			set("Output", record(t.Name, "succeeded", nil)).set("Next", next)
	case t.With != nil:
		return c.mapState(t, next)
	}
	st := c.invoke(t, c.params[t.Name], false)
	return st.set("Next", next)
}

// record is the execution record a task state outputs.
func record(task string, status, result any) *object {
	return newObject().set("task", task).set("status", status).set("result", result)
}

// invoke builds the Task state running t's action once; inItem says it
// runs inside a Map iteration.
func (c *compiler) invoke(t *Task, params any, inItem bool) *object {
	if arn, ok := c.subworkflow(t.Action); ok {
		return c.startExecution(t, arn, params)
	}
	payload := newObject().set("action", t.Action).set("parameters", orEmpty(params)).set("context", c.actionContext(t, inItem))
	resource := resourceInvoke
	status, result := jexpr("$states.result.Payload.status"), jexpr("$states.result.Payload.result")
	if t.Action == "core.ask" {
		resource = resourceInvokeToken
		payload.set("task_token", jexpr("$states.context.Task.Token"))
		status, result = "succeeded", jexpr("$states.result")
	}
	st := newObject().set("Type", "Task").set("Resource", resource).
		set("Arguments", newObject().set("FunctionName", c.opts.RunnerFunction).set("Payload", payload)).
		set("Output", record(t.Name, status, result))
	return withErrorHandling(st, t.Name)
}

// startExecution runs a workflow action as a nested state machine.
func (c *compiler) startExecution(t *Task, arn string, params any) *object {
	input := nestedInput(params, c.defaults(t.Action), newObject().set("parent", newObject().set("execution_id", jexpr("$states.context.Execution.Id"))))
	st := newObject().set("Type", "Task").set("Resource", resourceStartSync).
		set("Arguments", newObject().set("StateMachineArn", arn).set("Input", input)).
		set("Output", record(t.Name, "succeeded", jexpr("$states.result.Output")))
	return withErrorHandling(st, t.Name)
}

func (c *compiler) subworkflow(ref string) (string, bool) {
	if c.opts.Workflow == nil {
		return "", false
	}
	return c.opts.Workflow(ref)
}

// actionContext is the execution context passed to the runner.
func (c *compiler) actionContext(t *Task, inItem bool) *object {
	ctx := newObject().
		set("parent", newObject().set("execution_id", jexpr("$states.context.Execution.Id"))).
		set("task_name", t.Name)
	if inItem {
		ctx.set("item_index", jexpr(itemIndex))
	}
	return ctx
}

// nestedInput is a nested workflow's execution input: its parameters at
// the top level, where the workflow reads its inputs, plus the "st2" key
// naming the parent execution. Orquesta task input is always a map.
func nestedInput(params any, defaults map[string]any, st2 *object) *object {
	in := newObject()
	p, _ := params.(*object)
	if p != nil {
		for _, k := range p.keys {
			in.set(k, p.vals[k])
		}
	}
	for _, k := range slices.Sorted(maps.Keys(defaults)) {
		if _, given := in.vals[k]; !given && k != "st2" {
			in.set(k, defaults[k])
		}
	}
	return in.set("st2", st2)
}

// defaults are the parameter defaults of workflow action ref (Options.Defaults).
func (c *compiler) defaults(ref string) map[string]any {
	if c.opts.Defaults == nil {
		return nil
	}
	return c.opts.Defaults(ref)
}

func orEmpty(params any) any {
	if params == nil {
		return newObject()
	}
	return params
}

// lambdaErrors are the transient Lambda errors AWS recommends retrying.
var lambdaErrors = []any{"Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException"}

// withErrorHandling retries transient Lambda errors and turns any other
// error into a failed execution record, so that the task's transitions
// decide what happens next.
func withErrorHandling(st *object, task string) *object {
	st.set("Retry", []any{newObject().set("ErrorEquals", lambdaErrors).
		set("IntervalSeconds", 1).set("MaxAttempts", 3).set("BackoffRate", 2)})
	failed := record(task, "failed", newObject().
		set("error", jexpr("$states.errorOutput.Error")).set("cause", jexpr("$states.errorOutput.Cause")))
	st.set("Catch", []any{newObject().set("ErrorEquals", []any{"States.ALL"}).
		set("Output", failed).set("Next", task+".next")})
	return st
}

// mapState runs t's action once per item.
func (c *compiler) mapState(t *Task, next string) *object {
	item := c.invoke(t, c.params[t.Name], true)
	item.set("Output", newObject().set("status", mustGet(item, "Output", "status")).set("result", mustGet(item, "Output", "result")))
	catch := item.vals["Catch"].([]any)[0].(*object)
	failed, _ := catch.get("Output")
	catch.set("Output", newObject().set("status", "failed").set("result", mustGet(failed.(*object), "result")))
	catch.set("Next", t.Name+".item.failed")
	item.set("End", true)
	states := newObject().set(t.Name+".item", item).
		set(t.Name+".item.failed", newObject().set("Type", "Pass").set("End", true))
	proc := newObject().set("ProcessorConfig", newObject().set("Mode", "INLINE")).
		set("StartAt", t.Name+".item").set("States", states)
	st := newObject().set("Type", "Map").set("Items", c.render(t.With.Items, c.scope())).
		set("ItemSelector", newObject().set("value", jexpr("$states.context.Map.Item.Value")).set("index", jexpr("$states.context.Map.Item.Index")))
	if t.With.Concurrency != nil {
		st.set("MaxConcurrency", c.render(t.With.Concurrency, c.scope()))
	}
	return st.set("ItemProcessor", proc).
		set("Output", record(t.Name, jexpr("'failed' in $states.result.status ? 'failed' : 'succeeded'"),
			newObject().set("items", jexpr("$states.result")))).
		set("Next", next)
}

// mustGet reads a nested field of compiler-built objects.
func mustGet(o *object, keys ...string) any {
	var v any = o
	for _, k := range keys {
		obj, ok := v.(*object)
		if !ok {
			return nil
		}
		v, _ = obj.get(k)
	}
	return v
}

// kvState adds st under name, preceded by a state fetching the st2kv()
// lookups when there are any, and returns the first state's name.
func (c *compiler) kvState(name string, kv []expr.KVRef, st *object) string {
	c.r.states.set(name, st)
	if len(kv) == 0 {
		return name
	}
	c.r.states.set(name+".kv", c.kvFetch(kv, name))
	return name + ".kv"
}

// kvFetch is a Task state fetching the st2kv() lookups into the key-value
// variable, then going to next.
func (c *compiler) kvFetch(kv []expr.KVRef, next string) *object {
	lookups := make([]any, len(kv))
	for i, k := range kv {
		lookups[i] = newObject().set("key", fieldValue(k.Key)).set("decrypt", fieldValue(k.Decrypt))
	}
	payload := newObject().set("action", ActionKVLookup).set("parameters", newObject().set("lookups", lookups))
	return newObject().set("Type", "Task").set("Resource", resourceInvoke).
		set("Arguments", newObject().set("FunctionName", c.opts.RunnerFunction).set("Payload", payload)).
		set("Assign", newObject().set(c.r.v(expr.KVVar), jexpr("$merge([$"+c.r.v(expr.KVVar)+", $states.result.Payload.result])"))).
		set("Next", next)
}

// fieldValue turns a JSONata expression into a field value: a plain JSON
// value when the expression is a simple literal, else "{% expr %}".
func fieldValue(s string) any {
	switch s {
	case "true":
		return true
	case "false":
		return false
	case "null":
		return nil
	}
	if len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'' && !strings.ContainsAny(s[1:len(s)-1], "\\'") {
		return s[1 : len(s)-1]
	}
	return jexpr(s)
}
