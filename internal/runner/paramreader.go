package runner

// ParamReader reads several parameters of a Request in a row and keeps
// the first error, so a runner reads its settings and checks once. It is
// not safe for concurrent use.
type ParamReader struct {
	req Request
	err error
}

// Params returns a ParamReader over r's parameters.
func (r Request) Params() *ParamReader { return &ParamReader{req: r} }

// Err returns the first error met, nil when there was none.
func (p *ParamReader) Err() error { return p.err }

// keep records err and returns v, or def when err is not nil.
func keep[T any](p *ParamReader, v, def T, err error) T {
	if err == nil {
		return v
	}
	if p.err == nil {
		p.err = err
	}
	return def
}

// String is Request.String, giving def when the value is not a string.
func (p *ParamReader) String(name, def string) string {
	v, err := p.req.String(name, def)
	return keep(p, v, def, err)
}

// Bool is Request.Bool, giving def when the value is not a boolean.
func (p *ParamReader) Bool(name string, def bool) bool {
	v, err := p.req.Bool(name, def)
	return keep(p, v, def, err)
}

// Number is Request.Number, giving def when the value is not a number.
func (p *ParamReader) Number(name string, def float64) float64 {
	v, err := p.req.Number(name, def)
	return keep(p, v, def, err)
}

// Object is Request.Object, giving nil when the value is not an object.
func (p *ParamReader) Object(name string) map[string]any {
	v, err := p.req.Object(name)
	return keep(p, v, nil, err)
}

// Strings is Request.Strings, giving nil when the value is not a list.
func (p *ParamReader) Strings(name string) []string {
	v, err := p.req.Strings(name)
	return keep(p, v, nil, err)
}
