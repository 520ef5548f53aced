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

func keep[T any](p *ParamReader, v T, err error) T {
	if p.err == nil {
		p.err = err
	}
	return v
}

// String is Request.String; def after an error.
func (p *ParamReader) String(name, def string) string {
	v, err := p.req.String(name, def)
	return keep(p, v, err)
}

// Bool is Request.Bool.
func (p *ParamReader) Bool(name string, def bool) bool {
	v, err := p.req.Bool(name, def)
	return keep(p, v, err)
}

// Number is Request.Number.
func (p *ParamReader) Number(name string, def float64) float64 {
	v, err := p.req.Number(name, def)
	return keep(p, v, err)
}

// Object is Request.Object.
func (p *ParamReader) Object(name string) map[string]any {
	v, err := p.req.Object(name)
	return keep(p, v, err)
}

// Strings is Request.Strings.
func (p *ParamReader) Strings(name string) []string {
	v, err := p.req.Strings(name)
	return keep(p, v, err)
}
