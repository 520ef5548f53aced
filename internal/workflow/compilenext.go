package workflow

import (
	"strings"

	"github.com/stormless/stormless/internal/workflow/expr"
)

// Expressions over the execution record a task's Choice state receives.
const (
	recordVar     = "$states.input"
	isSucceeded   = recordVar + ".status = 'succeeded'"
	isNotSucceded = recordVar + ".status != 'succeeded'"
)

// nextScope is what a task's next and retry see.
func (c *compiler) nextScope(t *Task) *expr.Scope {
	s := c.scope()
	s.Record, s.Task = recordVar, t.Name
	return s
}

// next adds the Choice state "<task>.next" deciding what follows task t:
// retry, the transitions in order, then failing the workflow on an
// unhandled failure. When its expressions use st2kv(), "<task>.next" is
// instead the state fetching the keys, passing the task's record on to
// the Choice state "<task>.next.choice".
func (c *compiler) next(t *Task) {
	var rules []any
	if t.Retry != nil {
		rules = append(rules, c.retryRule(t))
	}
	rules = append(rules, c.nextRules(t)...)
	rules = append(rules, newObject().set("Condition", jexpr(isNotSucceded)).
		set("Assign", newObject().set(c.r.v(varErrors), jexpr(c.appendError(t.Name, "Execution failed. See result for details.", true)))).
		set("Next", c.r.failed))
	choice := newObject().set("Type", "Choice").set("Choices", rules).set("Default", c.r.end)
	name := t.Name + ".next"
	kv := c.takeKV()
	if len(kv) == 0 {
		c.r.states.set(name, choice)
		return
	}
	c.r.states.set(name, c.kvFetch(kv, name+".choice").set("Output", jexpr(recordVar)))
	c.r.states.set(name+".choice", choice)
}

// appendError is the JSONata appending one StackStorm error to sl_errors.
func (c *compiler) appendError(task, msg string, withResult bool) string {
	e := "{'type': 'error', 'message': " + quoteJSONata(msg) + ", 'task_id': " + quoteJSONata(task)
	if withResult {
		e += ", 'result': " + recordVar + ".result"
	}
	return "$append($" + c.r.v(varErrors) + ", [" + e + "}])"
}

// quoteJSONata renders a plain string as a JSONata string literal.
func quoteJSONata(s string) string { return expr.Quote(s) }

// retryRule re-runs t while the retry condition holds and the count allows.
func (c *compiler) retryRule(t *Task) *object {
	r := t.Retry
	when := isNotSucceded
	if r.When != nil {
		when = "(" + c.condition(r.When, c.nextScope(t)) + ")"
	}
	counter := "$" + c.r.v(varRetry+t.Name)
	cond := when + " and " + counter + " < " + wrapParens(c.jsonata(r.Count, c.scope()))
	target := c.actionEntry(t)
	if r.Delay != nil {
		target = t.Name + ".retry"
		c.r.states.set(target, newObject().set("Type", "Wait").set("Seconds", c.render(r.Delay, c.scope())).set("Next", c.actionEntry(t)))
	}
	return newObject().set("Condition", jexpr(cond)).
		set("Assign", newObject().set(c.r.v(varRetry+t.Name), jexpr(counter+" + 1"))).set("Next", target)
}

func wrapParens(s string) string {
	if expr.IsIdent(strings.TrimPrefix(s, "$")) || isNumber(s) {
		return s
	}
	return "(" + s + ")"
}

func isNumber(s string) bool {
	return s != "" && strings.Trim(s, "0123456789.") == ""
}
