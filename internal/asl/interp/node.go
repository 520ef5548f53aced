package interp

import (
	"fmt"
	"strings"

	"github.com/stormless/stormless/internal/asl"
)

// node is a compiled state.
type node struct {
	st      *asl.State
	jsonata bool
	// enteredType and exitedType are the state's history event types.
	enteredType, exitedType string
	next                    *node
	deflt                   *node

	// JSONPath processing. A nil path means "$"; *Null means the field is null.
	inputPath, outputPath *pathExpr
	inputNull, outputNull bool
	resultPath            *pathExpr
	resultNull            bool
	params, selector      *template
	result                *template

	// JSONata processing.
	args, output *template

	assign  *template
	retry   []asl.Retrier
	catch   []catchNode
	choices []choiceNode

	// Field expressions shared by both languages: a template for literals
	// and JSONata, or a path for the *Path forms.
	timeout, heartbeat, seconds, timestamp, errorField, causeField fieldExpr
	maxConcurrency, toleratedPct, toleratedCount                   fieldExpr

	task *taskSpec

	branches  []*program
	processor *program
	items     *template // JSONata Items
	itemsPath *pathExpr
	itemSel   *template
}

// catchNode is a compiled catcher.
type catchNode struct {
	c          asl.Catcher
	next       *node
	resultPath *pathExpr
	output     *template
	assign     *template
}

// fieldExpr is a field given as a literal, a JSONata template, or a path
// (the *Path variant). A zero fieldExpr is absent.
type fieldExpr struct {
	tmpl     *template
	path     *pathExpr
	intr     valueExpr // an intrinsic function in a *Path field
	pathName string    // e.g. "SecondsPath", for error messages
}

func (f fieldExpr) present() bool { return f.tmpl != nil || f.path != nil || f.intr != nil }

func compileNode(st *asl.State) (*node, error) {
	n := &node{st: st, jsonata: st.QueryLanguage == asl.JSONata,
		enteredType: st.Type + "StateEntered", exitedType: st.Type + "StateExited"}
	steps := []func(*node) error{compileIO, compileAssign, compileErrorHandling, compileFields, compileChoices, compileChildren}
	for _, step := range steps {
		if err := step(n); err != nil {
			return nil, fmt.Errorf("compiling state %s: %w", st.Name, err)
		}
	}
	if st.Type == asl.TypeTask {
		spec, err := parseResource(st.Resource)
		if err != nil {
			return nil, fmt.Errorf("compiling state %s: %w", st.Name, err)
		}
		n.task = spec
	}
	return n, nil
}

// tmpl compiles a template in the node's query language.
func (n *node) tmpl(v any, field string) (*template, error) {
	ptr := n.st.Pointer + "/" + field
	if n.jsonata {
		return compileJSONataTemplate(v, ptr)
	}
	return compileJSONPathTemplate(v, ptr)
}

func optionalPath(p asl.PathField) (*pathExpr, bool, error) {
	if !p.Present || p.Null {
		return nil, p.Null, nil
	}
	if p.Path == "$" {
		return nil, false, nil
	}
	e, err := compilePath(p.Path)
	return e, false, err
}

func compileIO(n *node) error {
	st := n.st
	var err error
	if n.inputPath, n.inputNull, err = optionalPath(st.InputPath); err != nil {
		return err
	}
	if n.outputPath, n.outputNull, err = optionalPath(st.OutputPath); err != nil {
		return err
	}
	if n.resultPath, n.resultNull, err = optionalPath(st.ResultPath); err != nil {
		return err
	}
	if n.resultPath != nil && !n.resultPath.isReference() {
		return fmt.Errorf("ResultPath %q is not a reference path", st.ResultPath.Path)
	}
	if st.HasParameters {
		if n.params, err = n.tmpl(st.Parameters, "Parameters"); err != nil {
			return err
		}
	}
	if st.HasSelector {
		if n.selector, err = n.tmpl(st.ResultSelector, "ResultSelector"); err != nil {
			return err
		}
	}
	if st.HasResult {
		n.result = &template{static: st.Result}
	}
	if st.HasArguments {
		if n.args, err = n.tmpl(st.Arguments, "Arguments"); err != nil {
			return err
		}
	}
	if st.HasOutput {
		if n.output, err = n.tmpl(st.Output, "Output"); err != nil {
			return err
		}
	}
	return nil
}

func compileAssign(n *node) error {
	if n.st.Assign == nil {
		return nil
	}
	t, err := n.tmpl(n.st.Assign, "Assign")
	if err != nil {
		return err
	}
	n.assign = t
	return nil
}

func compileErrorHandling(n *node) error {
	n.retry = n.st.Retry
	for i, c := range n.st.Catch {
		cn := catchNode{c: c}
		var err error
		if cn.resultPath, _, err = optionalPath(c.ResultPath); err != nil {
			return err
		}
		ptr := fmt.Sprintf("Catch/%d/", i)
		if c.HasOutput {
			if cn.output, err = n.tmpl(c.Output, ptr+"Output"); err != nil {
				return err
			}
		}
		if c.Assign != nil {
			if cn.assign, err = n.tmpl(c.Assign, ptr+"Assign"); err != nil {
				return err
			}
		}
		n.catch = append(n.catch, cn)
	}
	return nil
}

// field compiles a value-or-path field pair.
func (n *node) field(v any, name, path, pathName string) (fieldExpr, error) {
	if strings.HasPrefix(path, "States.") {
		e, err := compileIntrinsic(path, pathName)
		return fieldExpr{intr: e, pathName: pathName}, err
	}
	if path != "" {
		p, err := compilePath(path)
		return fieldExpr{path: p, pathName: pathName}, err
	}
	if v == nil {
		return fieldExpr{}, nil
	}
	t, err := n.tmpl(v, name)
	return fieldExpr{tmpl: t}, err
}

func compileFields(n *node) error {
	st := n.st
	specs := []struct {
		dst            *fieldExpr
		v              any
		name, path, pn string
	}{
		{&n.timeout, st.TimeoutSeconds, "TimeoutSeconds", st.TimeoutSecondsPath, "TimeoutSecondsPath"},
		{&n.heartbeat, st.HeartbeatSeconds, "HeartbeatSeconds", st.HeartbeatSecondsPath, "HeartbeatSecondsPath"},
		{&n.seconds, st.Seconds, "Seconds", st.SecondsPath, "SecondsPath"},
		{&n.timestamp, st.Timestamp, "Timestamp", st.TimestampPath, "TimestampPath"},
		{&n.errorField, st.Error, "Error", st.ErrorPath, "ErrorPath"},
		{&n.causeField, st.Cause, "Cause", st.CausePath, "CausePath"},
		{&n.maxConcurrency, st.MaxConcurrency, "MaxConcurrency", st.MaxConcurrencyPath, "MaxConcurrencyPath"},
		{&n.toleratedPct, st.ToleratedFailurePercentage, "ToleratedFailurePercentage", st.ToleratedFailurePercentagePath, "ToleratedFailurePercentagePath"},
		{&n.toleratedCount, st.ToleratedFailureCount, "ToleratedFailureCount", st.ToleratedFailureCountPath, "ToleratedFailureCountPath"},
	}
	for _, s := range specs {
		f, err := n.field(s.v, s.name, s.path, s.pn)
		if err != nil {
			return err
		}
		*s.dst = f
	}
	return nil
}

func compileChildren(n *node) error {
	for _, b := range n.st.Branches {
		p, err := compileProgram(b)
		if err != nil {
			return err
		}
		n.branches = append(n.branches, p)
	}
	if n.st.Processor == nil {
		return nil
	}
	p, err := compileProgram(n.st.Processor)
	if err != nil {
		return err
	}
	n.processor = p
	return compileMapFields(n)
}

func compileMapFields(n *node) error {
	st := n.st
	var err error
	if n.itemsPath, _, err = optionalPath(st.ItemsPath); err != nil {
		return err
	}
	if st.HasItems {
		if n.items, err = n.tmpl(st.Items, "Items"); err != nil {
			return err
		}
	}
	if st.HasItemSelector {
		if n.itemSel, err = n.tmpl(st.ItemSelector, "ItemSelector"); err != nil {
			return err
		}
	}
	return nil
}
