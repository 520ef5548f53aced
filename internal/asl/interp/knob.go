package interp

import "math"

// knob reads a numeric setting of a distributed Map's ItemReader
// ReaderConfig or ItemBatcher: a number, a JSONata template, or (as
// name+"Path") a path into the effective input or a variable. ok is false
// when neither form is present. These objects are read rarely, so they are
// compiled when used.
func (sr *stateRun) knob(obj map[string]any, name string, eff any) (v float64, ok bool, f *Failure) {
	var fe fieldExpr
	var err error
	if p, isStr := obj[name+"Path"].(string); isStr {
		fe.path, err = compilePath(p)
		fe.pathName = name + "Path"
	} else if raw, present := obj[name]; present {
		fe.tmpl, err = sr.n.tmpl(raw, name)
	}
	if err != nil {
		return 0, false, runtimeFail(ErrRuntime, "compiling %s: %v", name, err)
	}
	raw, ok, f := sr.evalField(fe, eff)
	if f != nil || !ok {
		return 0, ok, f
	}
	x, isNum := numberOf(raw)
	if isNum && x < 0 && name == "MaxItems" {
		return 0, true, fail(ErrItemReaderFailed, "field MaxItems must be positive")
	}
	if !isNum || x != math.Trunc(x) || x < 0 {
		return 0, true, runtimeFail(ErrRuntime, "The %s field refers to value \"%s\" which is not a valid integer: %s",
			name+"Path", stringOf(raw), pathSrc(fe))
	}
	return x, true, nil
}

// templateValue evaluates an ItemBatcher/ItemReader template value (such
// as BatchInput) against the effective input.
func (sr *stateRun) templateValue(raw any, name string, eff any) (any, *Failure) {
	t, err := sr.n.tmpl(raw, name)
	if err != nil {
		return nil, runtimeFail(ErrRuntime, "compiling %s: %v", name, err)
	}
	v, f := t.eval(sr.env.with(eff))
	if f != nil {
		return nil, asRuntime(f)
	}
	return v, nil
}
