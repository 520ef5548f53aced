package conformance

import (
	"fmt"
	"strings"
)

// edit is how a Python test changes its template before creating the state
// machine, restated from LocalStack's test code so the replay runs the same
// definition.
type edit struct {
	// template is the base name of the template the test loads.
	template string
	// literal replaces the %..._PLACEHOLDER% strings of the template.
	literal string
	// pointer is the JSON pointer of a field the test sets, to value, or
	// to byParam[param], or (fromParam) to the pytest parameter itself.
	pointer   string
	value     any
	byParam   map[string]any
	fromParam bool
	// fromAssigned ("State/Var") takes the value from the recording: what
	// the first exit of State assigned to Var, the literal the test put in
	// State's Assign.
	fromAssigned string
	// inPython marks a field the test sets to values the corpus does not
	// record: the entry stays unresolved.
	inPython bool
}

// templateEdits are the known edits, by test file stem and test name.
var templateEdits = map[string]edit{
	"test_base::test_json_path_array_access": {
		template: "json_path_array_access.json5", pointer: "/States/EntryState/Parameters/item.$", fromParam: true,
	},
	"test_base::test_json_path_array_wildcard_or_slice_with_no_input": {
		template: "json_path_array_access.json5", pointer: "/States/EntryState/Parameters/item.$", fromParam: true,
	},
	"test_base::test_state_pass_result_jsonpaths": {
		template: "pass_result.json5", pointer: "/States/State_1/Result",
		value: map[string]any{"unsupported1.$": "$.jsonpath", "unsupported2.$": "$$"},
	},
	"test_output::test_base_output_any_non_dict": {
		template: "base_output_any.json5", pointer: "/States/State0/Output",
		byParam: map[string]any{
			"NULL": nil, "INT": 0.0, "FLOAT": 0.1, "BOOL": true, "STR_LIT": "string literal",
			"JSONATA_EXPR": "{% $states.input %}", "LIST_EMPY": []any{},
			"LIST_RICH": []any{nil, 0.0, 0.1, true, "string", []any{}, "$nosuchvar", "$.no.such.path",
				"{% $states.input %}", map[string]any{"key": "{% true %}"}},
		},
	},
	"test_test_state_scenarios::test_localstack_blogpost_scenario": {
		template: "localstack_blogpost_scenario_state_machine.json5", pointer: "/States/Ask for Approval/Arguments/ApiEndpoint",
		value: "example.execute-api.us-east-1.amazonaws.com",
	},
	"test_state_context_object::test_state_wait_task_context_object": {
		template: "io_sqs_service_task_wait.json5", pointer: "/Parameters/QueueUrl",
		value: "https://sqs.us-east-1.amazonaws.com/111111111111/test-queue",
	},
	"test_base_scenarios::test_map_state_items_variable_sampling": {
		template: "map_state_items_variable.json5", pointer: "/States/Start/Assign/ItemsVar", fromAssigned: "Start/ItemsVar",
	},
	"test_base_scenarios::test_map_state_items_eval_jsonata_variable_sampling_fail": {
		template: "map_state_items_variable.json5", pointer: "/States/Start/Assign/ItemsVar", fromAssigned: "Start/ItemsVar",
	},
	"test_base_scenarios::test_wait_timestamp_invalid": {
		template: "wait_timestamp.json5", pointer: "/States/WaitUntil/Timestamp", inPython: true,
	},
	"test_timeouts::test_global_timeout": {
		template: "wait_1_min.json5", pointer: "/TimeoutSeconds", inPython: true,
	},
	"test_base_scenarios::test_map_item_reader_base_csv_headers_decl": {
		template: "map_item_reader_base_csv_headers_decl.json5", pointer: "/States/MapState/ItemReader/ReaderConfig/CSVHeaders",
		value: []any{"H1", "H2", "H3"},
	},
	"test_base_scenarios::test_map_item_reader_csv_headers_decl_duplicate_headers": {
		template: "map_item_reader_base_csv_headers_decl.json5", pointer: "/States/MapState/ItemReader/ReaderConfig/CSVHeaders",
		value: []any{"H1", "H1", "H3"},
	},
	"test_base_scenarios::test_map_item_reader_csv_headers_decl_extra_fields": {
		template: "map_item_reader_base_csv_headers_decl.json5", pointer: "/States/MapState/ItemReader/ReaderConfig/CSVHeaders",
		value: []any{"H1"},
	},
	"test_base_scenarios::test_map_item_reader_csv_max_items": {
		template: "map_item_reader_base_csv_max_items.json5", pointer: "/States/MapState/ItemReader/ReaderConfig/MaxItems",
		byParam: map[string]any{"0": 0.0, "2": 2.0, "100000000": 1e8},
	},
	"test_context_object::test_result_selector": {template: "context_object_result_selector.json5", literal: "$$.Execution.Input"},
	"test_context_object::test_variable":        {template: "context_object_variable.json5", literal: "$$.Execution.Input.input-value"},
	"test_context_object::test_items_path":      {template: "context_object_items_path.json5", literal: "$$.Execution.Input.input-values"},
}

// paramTemplates name the template a test loads by a part of its pytest
// parameter (split at "-"), when INDEX.json lists several.
var paramTemplates = map[string]map[string]string{
	"test_sns_task_service::test_fifo_message_attribute": {
		"True": "sns_fifo_publish_fail.json5", "False": "sns_fifo_publish.json5",
	},
}

// paramTemplate returns the template a test's parameter names, if known.
func paramTemplate(testID, param string) (string, bool) {
	file, _, _ := strings.Cut(testID, "::")
	stem := strings.TrimSuffix(file[strings.LastIndex(file, "/")+1:], ".py")
	byPart := paramTemplates[stem+"::"+testName(stripParam(testID))]
	for _, part := range strings.Split(param, "-") {
		if name, ok := byPart[part]; ok {
			return name, true
		}
	}
	return "", false
}

// withRecorded resolves a fromAssigned edit against a recorded history.
func (ed edit) withRecorded(h *history) (edit, error) {
	if ed.fromAssigned == "" {
		return ed, nil
	}
	state, name, _ := strings.Cut(ed.fromAssigned, "/")
	v, ok := h.assignedBy(state, name)
	if !ok {
		return ed, fmt.Errorf("editing %s: the recording assigns no %s in %s: %w", ed.pointer, name, state, errUnresolved)
	}
	ed.value, ed.fromAssigned = v, ""
	return ed, nil
}

// editFor returns the edit of a test id, if known.
func editFor(testID string) (edit, bool) {
	file, _, _ := strings.Cut(testID, "::")
	stem := file[strings.LastIndex(file, "/")+1:]
	ed, ok := templateEdits[strings.TrimSuffix(stem, ".py")+"::"+testName(stripParam(testID))]
	return ed, ok
}

// stripParam removes a trailing [parameter] from a test id.
func stripParam(id string) string {
	if m := paramRE.FindStringSubmatch(id); m != nil {
		return m[1]
	}
	return id
}

// apply sets the edited field of def.
func (ed edit) apply(def map[string]any, param string) error {
	if ed.pointer == "" {
		return nil
	}
	if ed.inPython {
		return fmt.Errorf("editing %s: the test sets it in Python: %w", ed.pointer, errUnresolved)
	}
	v := ed.value
	switch {
	case ed.fromParam:
		v = param
	case ed.byParam != nil:
		pv, ok := ed.byParam[param]
		if !ok {
			return fmt.Errorf("editing %s: no value for parameter %q: %w", ed.pointer, param, errUnresolved)
		}
		v = pv
	}
	keys := strings.Split(strings.TrimPrefix(ed.pointer, "/"), "/")
	obj := def
	for _, k := range keys[:len(keys)-1] {
		next, ok := obj[k].(map[string]any)
		if !ok {
			return fmt.Errorf("editing %s: no object at %s", ed.pointer, k)
		}
		obj = next
	}
	obj[keys[len(keys)-1]] = v
	return nil
}
