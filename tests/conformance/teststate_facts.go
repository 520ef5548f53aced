package conformance

import "strings"

// testStateFact is what a TestState test sets in Python that its
// recording does not show, restated from LocalStack's test code.
type testStateFact struct {
	// state is the stateName of each call, by response key or by a part
	// of the pytest parameter (split at "-").
	state map[string]string
	// retryCount is stateConfiguration.retrierRetryCount, by response key.
	retryCount map[string]int
	// noRole marks tests that pass no roleArn.
	noRole bool
	// mock is the mocked result, by response key ("" for every call).
	mock map[string]any
	// mapFailures is stateConfiguration.mapIterationFailureCount, by
	// response key.
	mapFailures map[string]int
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
	"test_test_state_scenarios::test_state_with_variables": {noRole: true},
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
func (f testStateFact) mockFor(key string) (any, bool) {
	if v, ok := f.mock[key]; ok {
		return v, true
	}
	v, ok := f.mock[""]
	return v, ok
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
	return ""
}
