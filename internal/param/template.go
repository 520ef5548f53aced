package param

// Render renders every Jinja template string inside v (maps and lists
// included) with vars as the template's variables, StackStorm's
// environment and filters. A string that is one whole expression keeps its
// value's type; other strings render to text. Values without templates are
// returned as they are. Safe for concurrent use; v is not modified.
func Render(v any, vars map[string]any) (any, error) {
	return renderAny(v, vars, true)
}
