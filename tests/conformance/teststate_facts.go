package conformance

import "strings"

// testStateFact is what a TestState test sets in Python that its
// recording does not show, restated from LocalStack's test code.
type testStateFact struct {
	// state is the stateName of each call, by response key or by a part
	// of the pytest parameter (split at "-"), or "" for every call.
	state map[string]string
	// retryCount is stateConfiguration.retrierRetryCount, by response key.
	retryCount map[string]int
	// noRole marks tests that pass no roleArn.
	noRole bool
	// mock is the mocked result, by response key ("" for every call), or
	// mockByParam by pytest parameter.
	mock        map[string]any
	mockByParam map[string]any
	// mapFailures is stateConfiguration.mapIterationFailureCount, by
	// response key.
	mapFailures map[string]int
	// context is the context object the test passes, or contextByParam
	// by pytest parameter.
	context        map[string]any
	contextByParam map[string]map[string]any
	// template names the template (base name) when INDEX.json does not
	// name exactly one, and extract the state the test takes out of it.
	template, extract string
	// templateByParam names the template by pytest parameter.
	templateByParam map[string]string
	// input is the input the test passes, when no recording shows it.
	input    any
	hasInput bool
	// itemReaderData is stateConfiguration.mapItemReaderData.
	itemReaderData []any
	// setField names, by a part of the pytest parameter, the top-level
	// field of the state the test sets to setValue.
	setField map[string]string
	setValue any
	// literal fills the template's %..._PLACEHOLDER% literal, by pytest
	// parameter.
	literal map[string]string
}

// putEventsInput is the input of the EventBridge TestState tests.
var putEventsInput = map[string]any{"Entries": []any{map[string]any{"Detail": "detail", "DetailType": "detail_type", "Source": "source"}}}

// startExecutionInput is the input of the Step Functions StartExecution
// TestState tests.
var startExecutionInput = map[string]any{
	"stateMachineArn": "arn:aws:states:us-east-1:111111111111:stateMachine:TargetStateMachine",
	"targetInput":     nil, "name": "TestStartTarget",
}

// fieldsNotInSpec are the mocked PutEvents results whose fields the API
// spec does not name, which every field validation mode accepts.
var fieldsNotInSpec = testStateFact{
	input: putEventsInput, hasInput: true,
	mockByParam: map[string]any{"field_not_part_of_api_spec": map[string]any{"random": "json"}, "empty_json": map[string]any{}},
}

// sfnResultsAccepted are mocked StartExecution results the NONE and
// PRESENT field validation modes accept (restated from the NONE test; the
// PRESENT test uses the same parameter ids, taken to mean the same values).
var sfnResultsAccepted = testStateFact{
	input: startExecutionInput, hasInput: true,
	mockByParam: map[string]any{
		"missing_required_fields":    map[string]any{},
		"field_name_not_in_sfn_case": map[string]any{"executionArn": "stringValueExecutionArn", "startDate": "stringValueStartDate"},
		"wrong_timestamp_type_bool":  map[string]any{"ExecutionArn": "stringValueExecutionArn", "StartDate": true},
	},
}

// mapInspectFact is test_base_map_state_inspect's: one of the Map's knobs
// set to a JSONata expression evaluating to 1. The snapshot also keeps
// entries of test_base_map_state_inspect_trace, the test's earlier
// TRACE-only form, taken to set the same.
var mapInspectFact = testStateFact{
	template: "base_map_state.json5",
	setField: map[string]string{
		"MAX_CONCURRENCY": "MaxConcurrency", "TOLERATED_FAILURE_PERCENTAGE": "ToleratedFailurePercentage",
		"TOLERATED_FAILURE_COUNT": "ToleratedFailureCount",
	},
	setValue: "{% $variable := 1 %}",
	mock:     map[string]any{"": []any{1.0, 1.0, 1.0}},
}

// contextObjectFull is the context object LocalStack's TestState context
// tests pass.
func contextObjectFull() map[string]any {
	return map[string]any{
		"Execution": map[string]any{
			"Id": "arn:aws:states:::execution:MyStateMachine:execution-name-12345",
			"Input": map[string]any{
				"input-value": 0.0, "message": "test data",
				"values": []any{"charizard", "pikachu", "bulbasaur"},
			},
			"Name": "execution-name-12345", "RoleArn": "arn:aws:iam:::role/StepFunctionsRole",
			"StartTime": "2025-01-15T10:30:00.000Z",
		},
		"State":        map[string]any{"EnteredTime": "2025-01-15T10:30:01.500Z", "Name": "MyTaskState", "RetryCount": 0.0},
		"StateMachine": map[string]any{"Id": "arn:aws:states:::stateMachine:MyStateMachine", "Name": "MyStateMachine"},
	}
}

// withTaskToken adds Task.Token to a context object.
func withTaskToken(c map[string]any, token string) map[string]any {
	c["Task"] = map[string]any{"Token": token}
	return c
}

// contextLiterals are the context object paths the TestState context
// tests fill in, by pytest parameter.
var contextLiterals = map[string]string{
	"ALL": "$$", "EXECUTION_INPUT": "$$.Execution.Input", "EXECUTION_INPUT_VALUES": "$$.Execution.Input.values",
}

// testStateFacts are the known facts, by test file stem and test name.
var testStateFacts = map[string]testStateFact{
	"test_test_state_machine_scenarios::test_base_state_name": {state: map[string]string{
		"BASE_PASS_STATE_MACHINE": "State0", "BASE_FAIL_STATE_MACHINE": "State0", "BASE_MAP_STATE_MACHINE": "HandleItem",
	}},
	"test_test_state_machine_scenarios::test_base_state_name_multi_state": {state: map[string]string{
		"State0": "State0", "State1": "State1",
	}},
	"test_test_state_scenarios::test_localstack_blogpost_scenario": {noRole: true, state: map[string]string{
		"small_purchase_approval_required_response": "Approval Required",
		"large_purchase_approval_required_response": "Approval Required",
		"large_purchase_ask_for_approval_response":  "Ask for Approval",
		"check_approval_granted_response":           "Check Approval",
		"check_approval_denied_response":            "Check Approval",
	}},
	"test_state_configuration::test_state_configuration_retrier_retry_count": {retryCount: map[string]int{
		"below_tolerated_retry_count_with_backoff": 4, "exceeds_tolerated_retry_count": 5,
	}},
	"test_test_state_scenarios::test_state_with_variables": {
		noRole: true, templateByParam: map[string]string{"base_expressions": "base_expr.json5"}, state: map[string]string{"": "State0"},
	},
	"test_test_state_scenarios::test_base_map_state_inspect":                                  mapInspectFact,
	"test_field_validation_mode::test_strict_mode_mock_result_field_not_in_api_spec":          fieldsNotInSpec,
	"test_field_validation_mode_present::test_present_mode_mock_result_field_not_in_api_spec": fieldsNotInSpec,
	"test_field_validation_mode_none::test_none_mode_sfn_task":                                sfnResultsAccepted,
	"test_field_validation_mode_present::test_present_mode_sfn_task_validation_pass":          sfnResultsAccepted,
	"test_test_state_scenarios::test_base_map_state_inspect_trace":                            mapInspectFact,
	"test_state_configuration::test_state_machine_with_state_error":                           {state: map[string]string{"": "State0"}},
	"test_state_configuration::test_state_machine_configuration_item_reader_with_error": {
		state: map[string]string{"": "State0"}, itemReaderData: []any{1.0, 2.0, 3.0},
	},
	"test_state_configuration::test_state_machine_configuration_map_iteration_item_reader": {
		state: map[string]string{"": "State0"}, itemReaderData: []any{1.0, 2.0, 3.0},
		mock: map[string]any{"": []any{1.0, 4.0, 9.0}},
	},
	"test_test_state_mock_scenarios::test_base_lambda_service_task_mock_success": {
		template: "base_lambda_service_task_state.json5",
		input:    map[string]any{"FunctionName": "lambda_func_conformance", "Payload": nil}, hasInput: true,
		mock: map[string]any{"": map[string]any{"Payload": "function output", "SdkHttpMetadata": map[string]any{"HttpStatusCode": 200.0}}},
	},
	"test_test_state_mock_scenarios::test_io_dynamodb_service_task_mock_success": {
		templateByParam: map[string]string{
			"base": "base_dynamodb_service_task_state.json5", "io": "io_dynamodb_service_task_state.json5",
			"io_output_path": "io_output_path_dynamodb_service_task_state.json5",
		},
		input: map[string]any{"TableName": "sfn_test_table_conformance",
			"Item": map[string]any{"data": map[string]any{"S": "HelloWorld"}, "id": map[string]any{"S": "id1"}}}, hasInput: true,
		mock: map[string]any{"": map[string]any{"SdkHttpMetadata": map[string]any{"HttpStatusCode": 200.0}}},
	},
	"test_test_state_mock_scenarios::test_put_events_mock_success": {
		input: map[string]any{"Entries": []any{map[string]any{"Detail": "detail", "DetailType": "detail_type", "Source": "source"}}}, hasInput: true,
		mock: map[string]any{"": map[string]any{"Entries": []any{map[string]any{"EventId": "00000000-0000-4000-8000-00000000000a"}}}},
	},
	"test_test_state_mock_scenarios::test_send_sqs_message_success": {
		input: map[string]any{"QueueUrl": "queue_url", "MessageBody": "message_body"}, hasInput: true,
		mock: map[string]any{"": map[string]any{"MD5OfMessageBody": "b6e2733e5062adaba6cc40ad1c806ef5", "MessageId": "00000000-0000-4000-8000-00000000000b"}},
	},
	"test_test_state_mock_scenarios::test_sfn_start_execution_success": {
		input: map[string]any{"stateMachineArn": "arn:aws:states:us-east-1:111111111111:stateMachine:TargetStateMachine",
			"targetInput": nil, "name": "TestStartTarget"}, hasInput: true,
		mock: map[string]any{"": map[string]any{
			"ExecutionArn": "arn:aws:states:us-east-1:111111111111:execution:TargetStateMachine:TestStartTarget",
			"StartDate":    "2025-01-15T10:30:00.000000"}},
	},
	"test_state_context_object::test_state_task_context_object": {
		noRole: true, context: contextObjectFull(), literal: contextLiterals,
		template: "context_object_result_selector.json5", extract: "TestState",
	},
	"test_state_context_object::test_state_wait_task_context_object": {
		noRole: true, context: withTaskToken(contextObjectFull(), "abcd123"),
	},
	"test_state_context_object::test_state_map_context_object": {
		noRole: true, context: contextObjectFull(), literal: contextLiterals,
		template: "context_object_items_path.json5", extract: "TestState",
		mock: map[string]any{"": []any{"CHARIZARD", "PIKACHU", "BULBASAUR"}},
	},
	"test_state_context_object::test_state_context_object_edge_cases": {
		noRole: true, literal: map[string]string{"EMPTY_OBJECTS": "$$", "EMPTY": "$$"},
		template: "context_object_result_selector.json5", extract: "TestState",
		contextByParam: map[string]map[string]any{
			"EMPTY_OBJECTS": {"Execution": map[string]any{}, "State": map[string]any{}, "StateMachine": map[string]any{}},
			"EMPTY":         {},
		},
	},
	"test_state_configuration::test_map_state_failure_count": {
		mock:        map[string]any{"below_tolerated_failure": []any{1.0, 1.0, 1.0}, "exceeds_tolerated_failure": []any{0.0, 0.0, 1.0}},
		mapFailures: map[string]int{"exceeds_tolerated_failure": 2},
	},
}

// testStateFactFor returns the facts of an entry's test.
func testStateFactFor(testID string) testStateFact {
	file, _, _ := strings.Cut(testID, "::")
	stem := strings.TrimSuffix(file[strings.LastIndex(file, "/")+1:], ".py")
	return testStateFacts[stem+"::"+testName(stripParam(testID))]
}

// mockFor returns the mocked result of one call, if the facts know it.
func (f testStateFact) mockFor(key, param string) (any, bool) {
	if v, ok := f.mockByParam[param]; ok {
		return v, true
	}
	if v, ok := f.mock[key]; ok {
		return v, true
	}
	v, ok := f.mock[""]
	return v, ok
}

// contextFor returns the context object a call passes, or nil.
func (f testStateFact) contextFor(param string) map[string]any {
	if c, ok := f.contextByParam[param]; ok {
		return c
	}
	return f.context
}

// fieldFor returns the field a test sets for a parameter, if any.
func (f testStateFact) fieldFor(param string) (string, bool) {
	for _, part := range strings.Split(param, "-") {
		if name, ok := f.setField[part]; ok {
			return name, true
		}
	}
	return "", false
}

// stateName returns the stateName of one call, or "".
func (f testStateFact) stateName(key, param string) string {
	if s, ok := f.state[key]; ok {
		return s
	}
	for _, part := range strings.Split(param, "-") {
		if s, ok := f.state[part]; ok {
			return s
		}
	}
	return f.state[""]
}
