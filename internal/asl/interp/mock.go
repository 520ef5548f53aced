package interp

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// MockConfig is an AWS Step Functions Local mock configuration:
//
//	{"StateMachines": {M: {"TestCases": {T: {state: response}}}},
//	 "MockedResponses": {response: {"0": {"Return": ...}, "1-2": {"Throw": {"Error": ..., "Cause": ...}}}}}
//
// The keys of a mocked response are invocation numbers or ranges ("1-2"),
// counted per state from 0 within one execution. Immutable once parsed;
// safe for concurrent use.
type MockConfig struct {
	StateMachines   map[string]mockMachine             `json:"StateMachines"`
	MockedResponses map[string]map[string]mockResponse `json:"MockedResponses"`
}

type mockMachine struct {
	TestCases map[string]map[string]string `json:"TestCases"`
}

type mockResponse struct {
	Return any        `json:"Return"`
	Throw  *mockThrow `json:"Throw"`
}

type mockThrow struct {
	Error string `json:"Error"`
	Cause string `json:"Cause"`
}

// ParseMockConfig decodes a mock configuration.
func ParseMockConfig(data []byte) (*MockConfig, error) {
	var cfg MockConfig
	if err := json.Unmarshal(data, &cfg); err != nil {
		return nil, fmt.Errorf("parsing mock config: %w", err)
	}
	for name, resp := range cfg.MockedResponses {
		for key := range resp {
			if _, _, err := parseRange(key); err != nil {
				return nil, fmt.Errorf("parsing mock config: response %s: %w", name, err)
			}
		}
	}
	return &cfg, nil
}

func (c *MockConfig) testCase(machine, testCase string) (map[string]string, error) {
	m, ok := c.StateMachines[machine]
	if !ok {
		return nil, fmt.Errorf("mock config has no state machine %q", machine)
	}
	tc, ok := m.TestCases[testCase]
	if !ok {
		return nil, fmt.Errorf("mock config has no test case %q for state machine %q", testCase, machine)
	}
	return tc, nil
}

// response returns the mocked response of a state's n-th invocation.
func (c *MockConfig) response(name string, n int) (mockResponse, bool) {
	for key, r := range c.MockedResponses[name] {
		lo, hi, _ := parseRange(key)
		if n >= lo && n <= hi {
			return r, true
		}
	}
	return mockResponse{}, false
}

func parseRange(key string) (lo, hi int, err error) {
	a, b, isRange := strings.Cut(key, "-")
	if lo, err = strconv.Atoi(a); err != nil {
		return 0, 0, fmt.Errorf("invalid invocation key %q", key)
	}
	if !isRange {
		return lo, lo, nil
	}
	if hi, err = strconv.Atoi(b); err != nil || hi < lo {
		return 0, 0, fmt.Errorf("invalid invocation range %q", key)
	}
	return lo, hi, nil
}

// mockCounter counts each state's invocations within an execution.
type mockCounter struct {
	mu     sync.Mutex
	counts map[string]int
}

func (m *mockCounter) next(state string) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.counts == nil {
		m.counts = map[string]int{}
	}
	n := m.counts[state]
	m.counts[state] = n + 1
	return n
}

// mockResponse returns the mocked result of a Task state, if the
// interpreter has mocks and the test case mocks this state.
func (in *Interpreter) mockResponse(e *Execution, state string) (any, bool, error) {
	if in.mocks == nil {
		return nil, false, nil
	}
	tc, _ := in.mocks.testCase(in.mockMachine, in.mockTestCase)
	name, ok := tc[state]
	if !ok {
		return nil, false, nil
	}
	n := e.mockCalls.next(state)
	r, ok := in.mocks.response(name, n)
	if !ok {
		return nil, true, fail(ErrRuntime, "mocked response %s has no entry for invocation %d of state %s", name, n, state)
	}
	if r.Throw != nil {
		return nil, true, &Failure{Name: r.Throw.Error, Cause: r.Throw.Cause}
	}
	return deepCopy(r.Return), true, nil
}
