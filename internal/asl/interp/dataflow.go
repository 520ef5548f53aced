package interp

// effectiveInput applies InputPath to the raw input (JSONPath states).
func (sr *stateRun) effectiveInput() (any, *Failure) {
	n := sr.n
	switch {
	case n.inputNull:
		return map[string]any{}, nil
	case n.inputPath == nil:
		return sr.raw, nil
	}
	return selectPath(n.inputPath, sr.env.with(sr.raw))
}

// selectPath evaluates InputPath/OutputPath/ItemsPath-style paths, failing
// with States.Runtime when they select nothing.
func selectPath(p *pathExpr, env *evalEnv) (any, *Failure) {
	v, found, err := p.eval(env)
	if err != nil || !found {
		return nil, runtimeFail(ErrRuntime, "%s", p.notFound(env))
	}
	return v, nil
}

// bracketPath renders a path as $['a']['b'], the way AWS quotes it.
func bracketPath(p *pathExpr) string {
	if p.query != nil {
		return p.src
	}
	s := "$"
	for _, seg := range p.segs {
		if seg.isIdx {
			s += "[" + itoa(seg.index) + "]"
		} else {
			s += "['" + seg.key + "']"
		}
	}
	return s
}

// parameters applies a JSONPath template (Parameters, ItemSelector) to eff.
func (sr *stateRun) parameters(t *template, eff any) (any, *Failure) {
	if t == nil {
		return eff, nil
	}
	v, f := t.eval(sr.env.with(eff))
	if f != nil {
		return nil, asRuntime(f)
	}
	return v, nil
}

func asRuntime(f *Failure) *Failure {
	if f.Name == ErrRuntime || f.Name == ErrQueryEvaluation {
		c := *f
		c.runtime = true
		return &c
	}
	return f
}

// finishJSONPath applies ResultSelector (when selector), Assign, ResultPath
// and OutputPath to a state's result.
func (sr *stateRun) finishJSONPath(result any, selector bool) (stepResult, *Failure) {
	n := sr.n
	if selector && n.selector != nil {
		v, f := n.selector.eval(sr.env.with(result))
		if f != nil {
			return stepResult{}, asRuntime(f)
		}
		result = v
	}
	sr.note("afterResultSelector", result)
	assigned, f := sr.assign(n.assign, sr.env.with(result))
	if f != nil {
		return stepResult{}, f
	}
	out, f := sr.applyResultPath(n.resultPath, n.resultNull, result)
	if f != nil {
		return stepResult{}, f
	}
	sr.note("afterResultPath", out)
	out, f = sr.applyOutputPath(out)
	if f != nil {
		return stepResult{}, f
	}
	return stepResult{output: out, next: n.next, assigned: assigned}, nil
}

func (sr *stateRun) applyResultPath(p *pathExpr, null bool, result any) (any, *Failure) {
	switch {
	case null:
		return sr.raw, nil
	case p == nil:
		return result, nil
	}
	out, f := setPath(sr.raw, p.segs, result, p.src)
	if f != nil {
		f.runtime = false
	}
	return out, f
}

func (sr *stateRun) applyOutputPath(v any) (any, *Failure) {
	n := sr.n
	switch {
	case n.outputNull:
		return map[string]any{}, nil
	case n.outputPath == nil:
		return v, nil
	}
	return selectPath(n.outputPath, sr.env.with(v))
}

// assign evaluates an Assign template; values apply after the state ends.
func (sr *stateRun) assign(t *template, env *evalEnv) (map[string]any, *Failure) {
	if t == nil {
		return nil, nil
	}
	v, f := t.eval(env)
	if f != nil {
		return nil, asRuntime(f)
	}
	m, _ := v.(map[string]any)
	return m, nil
}

// finishJSONata evaluates Assign and Output with $states.result set when
// hasResult; def is the output when Output is absent.
func (sr *stateRun) finishJSONata(result any, hasResult bool, def any) (stepResult, *Failure) {
	if hasResult {
		sr.env.states.result, sr.env.states.hasResult = result, true
	}
	assigned, f := sr.assign(sr.n.assign, sr.env)
	if f != nil {
		return stepResult{}, f
	}
	out := def
	if sr.n.output != nil {
		v, f := sr.n.output.eval(sr.env)
		if f != nil {
			return stepResult{}, asRuntime(f)
		}
		out = v
		if out == undefined {
			out = nil
		}
	}
	return stepResult{output: out, next: sr.n.next, assigned: assigned}, nil
}

// evalField evaluates a value-or-path field against the state's effective
// input; ok is false when the field is absent.
func (sr *stateRun) evalField(fe fieldExpr, eff any) (v any, ok bool, f *Failure) {
	switch {
	case fe.intr != nil:
		v, f := fe.intr.eval(sr.env.with(eff))
		return v, true, f
	case fe.path != nil:
		v, found, _ := fe.path.eval(sr.env.with(eff))
		if !found {
			return nil, true, runtimeFail(ErrRuntime, "%s", fe.path.notFound(sr.env))
		}
		return v, true, nil
	case fe.tmpl != nil:
		v, f := fe.tmpl.eval(sr.env)
		if f != nil {
			return nil, true, asRuntime(f)
		}
		return v, true, nil
	}
	return nil, false, nil
}
