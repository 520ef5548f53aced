package interp

// compileIntrinsic compiles an intrinsic function call such as
// States.Format('{}', $.x). Until internal/asl/intrinsic lands this returns
// a value that fails with States.Runtime.
func compileIntrinsic(s, field string) (valueExpr, error) {
	return &intrinsicCall{src: s, field: field}, nil
}

type intrinsicCall struct{ src, field string }

func (c *intrinsicCall) eval(env *evalEnv) (any, *Failure) {
	return nil, fail(ErrRuntime, "intrinsic function %s is not supported yet", c.src)
}
