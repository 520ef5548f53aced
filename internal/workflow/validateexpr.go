package workflow

import (
	"errors"
	"slices"
	"strings"

	"github.com/stormless/stormless/internal/workflow/expr"
)

// exprCtx says what an expression may use where it appears.
type exprCtx struct {
	record bool // result(), succeeded(), task() ...
	item   bool // item()
}

// recordFuncs need a task that has run.
var recordFuncs = []string{"result", "succeeded", "failed", "completed", "abandoned"}

func (v *validator) expressions() {
	vars := DefinedVars(v.wf)
	check := func(val *Value, c exprCtx) {
		if val != nil {
			v.value(val, c, vars)
		}
	}
	for _, p := range v.wf.Input {
		check(p.Value, exprCtx{})
	}
	for _, p := range v.wf.Vars {
		check(p.Value, exprCtx{})
	}
	for _, p := range v.wf.Output {
		check(p.Value, exprCtx{})
	}
	for _, t := range v.wf.Tasks {
		v.taskExpressions(t, check)
	}
}

func (v *validator) taskExpressions(t *Task, check func(*Value, exprCtx)) {
	check(t.Input, exprCtx{item: t.With != nil})
	check(t.Delay, exprCtx{})
	if t.With != nil {
		check(t.With.Items, exprCtx{})
		check(t.With.Concurrency, exprCtx{})
	}
	if t.Retry != nil {
		check(t.Retry.When, exprCtx{record: true})
		check(t.Retry.Count, exprCtx{})
		check(t.Retry.Delay, exprCtx{})
	}
	for _, tr := range t.Next {
		check(tr.When, exprCtx{record: true})
		for _, p := range tr.Publish {
			check(p.Value, exprCtx{record: true})
		}
	}
}

// value checks every expression in val.
func (v *validator) value(val *Value, c exprCtx, vars []string) {
	val.Walk(func(s string, at *Value) {
		segs, err := expr.ParseTemplate(s)
		if err != nil {
			v.exprError(at, s, 0, err)
			return
		}
		for _, seg := range segs {
			switch {
			case seg.Expr && seg.Dialect == expr.JSONata:
				v.checkNative(at, seg)
			case seg.Expr:
				v.expression(at, seg, c, vars)
			}
		}
	})
}

func (v *validator) expression(at *Value, seg expr.Segment, c exprCtx, vars []string) {
	n, err := expr.Parse(seg.Src, seg.Dialect)
	if err != nil {
		v.exprError(at, seg.Src, seg.Offset, err)
		return
	}
	refs := expr.FindRefs(n)
	for _, r := range refs.Ctx {
		if !slices.Contains(vars, r.Name) {
			v.errorf(exprPos(at, seg.Offset+r.Offset), seg.Src, "undefined variable %q: neither input, vars nor published by any task", r.Name)
		}
	}
	for _, r := range refs.Tasks {
		if v.wf.Task(r.Name) == nil {
			v.errorf(exprPos(at, seg.Offset+r.Offset), seg.Src, "unknown task %q", r.Name)
		}
	}
	for _, r := range refs.Funcs {
		v.funcUse(at, seg, r, c)
	}
}

// funcUse reports workflow functions used where they have no meaning.
func (v *validator) funcUse(at *Value, seg expr.Segment, r expr.NameRef, c exprCtx) {
	switch {
	case slices.Contains(recordFuncs, r.Name) && !c.record:
		v.errorf(exprPos(at, seg.Offset+r.Offset), seg.Src, "%s() is only available in a task's next and retry", r.Name)
	case r.Name == "item" && !c.item:
		v.errorf(exprPos(at, seg.Offset+r.Offset), seg.Src, "item() is only available in the input of a task with items")
	}
}

// exprError records a syntax error in an expression.
func (v *validator) exprError(at *Value, src string, base int, err error) {
	e := &Error{Pos: at.Pos, Expr: src, Msg: "parsing expression: " + err.Error(), Err: err}
	var xe *expr.Error
	if errors.As(err, &xe) {
		e.Msg = "parsing expression: " + xe.Msg
		e.Expr = xe.Expr
		if xe.Offset >= 0 {
			e.Pos = exprPos(at, base+xe.Offset)
		}
	}
	v.addErr(e)
}

// exprPos locates byte offset off of a string scalar: exact for plain
// single-line scalars, the scalar's start otherwise.
func exprPos(at *Value, off int) Pos {
	p := at.Pos
	if s, ok := at.AsString(); ok && at.Plain && !strings.Contains(s, "\n") && p.Line > 0 {
		p.Col += off
	}
	return p
}
