package conformance

import (
	"fmt"
	"strings"
)

// paramEdits are the template fields that parameterised Python tests set to
// their (string) parameter before creating the state machine, by test
// function name, as JSON pointers. Only tests whose parameter id is the
// value itself can be listed.
var paramEdits = map[string]string{
	// template["States"]["EntryState"]["Parameters"]["item.$"] = json_path_string
	"test_json_path_array_access":                          "/States/EntryState/Parameters/item.$",
	"test_json_path_array_wildcard_or_slice_with_no_input": "/States/EntryState/Parameters/item.$",
}

// applyEdit sets the field the test's parameter goes into, if any.
func (t *template) applyEdit(test, param string) error {
	ptr, ok := paramEdits[test]
	if !ok || param == "" {
		return nil
	}
	keys := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	obj := t.Def
	for _, k := range keys[:len(keys)-1] {
		next, ok := obj[k].(map[string]any)
		if !ok {
			return fmt.Errorf("editing %s of %s: no object at %s", ptr, t.File, k)
		}
		obj = next
	}
	obj[keys[len(keys)-1]] = param
	return nil
}
