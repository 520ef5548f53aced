package conformance

import (
	"fmt"
	"slices"
	"strings"
)

// testStateTemplate picks the one TestState template an entry uses: the
// one its facts name, else the one INDEX.json names under test_state/.
func (c *corpus) testStateTemplate(e *entry) (*template, string) {
	fact := testStateFactFor(e.TestID)
	if name, ok := fact.templateByParam[e.Param]; ok {
		fact.template = name
	}
	if fact.template != "" {
		return factTemplate(c.named(fact.template), fact, e.Param)
	}
	var paths []string
	for _, p := range e.Templates {
		if strings.Contains(p, "/templates/test_state/") && !strings.Contains(strings.Join(paths, " "), p) {
			paths = append(paths, p)
		}
	}
	switch {
	case e.Guessed:
		return nil, "no template named for the test: it chooses its definition in Python"
	case len(paths) != 1:
		return nil, fmt.Sprintf("the test picks one of %d templates in Python", len(paths))
	}
	t, err := loadTemplate(paths[0], e.Param, e.Edit)
	if err != nil {
		return nil, oneLine(err)
	}
	return t, ""
}

// factTemplate loads the template a test's facts name, fills its literal
// and takes out the state the test tests.
func factTemplate(paths []string, fact testStateFact, param string) (*template, string) {
	if len(paths) > 1 {
		paths = slices.DeleteFunc(slices.Clone(paths), func(p string) bool { return !strings.Contains(p, "/templates/test_state/") })
	}
	if len(paths) != 1 {
		return nil, fmt.Sprintf("%d templates named %s", len(paths), fact.template)
	}
	var ed *edit
	if fact.literal != nil {
		lit, ok := fact.literal[param]
		if !ok {
			return nil, "no literal known for parameter " + param
		}
		ed = &edit{literal: lit}
	}
	t, err := loadTemplate(paths[0], param, ed)
	if err != nil {
		return nil, oneLine(err)
	}
	if field, ok := fact.fieldFor(param); ok {
		t.Def[field] = fact.setValue
	}
	if fact.extract == "" {
		return t, ""
	}
	st := stateDef(t.Def, fact.extract)
	if st == nil {
		return nil, fmt.Sprintf("template %s has no state %s", t.File, fact.extract)
	}
	t.Def = st
	return t, ""
}
