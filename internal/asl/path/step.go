package path

import (
	"strconv"
	"strings"
)

// step is one definite step of a path: an object key or an array index.
type step struct {
	key     string
	index   int
	isIndex bool
}

// fragment returns the step in Jayway's normalized form: ['key'] or [3].
func (s step) fragment() string {
	if s.isIndex {
		return "[" + strconv.Itoa(s.index) + "]"
	}
	return "['" + s.key + "']"
}

// normalized returns steps in Jayway's normalized form, e.g. $['a'][0].
func normalized(steps []step) string {
	var b strings.Builder
	b.WriteByte('$')
	for _, s := range steps {
		b.WriteString(s.fragment())
	}
	return b.String()
}
