package storetest

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/stormless/stormless/internal/execution"
)

// base is the time the suite's records are placed around: UTC, whole
// microseconds, as every adapter stores them exactly.
var base = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// at returns base plus n seconds.
func at(n int) time.Time {
	return base.Add(time.Duration(n) * time.Second)
}

// newExecution returns a requested execution of action started at second n.
func newExecution(id, action string, n int) execution.Execution {
	return execution.Execution{
		ID:             id,
		Action:         execution.Action{Ref: action, Name: "x", Pack: "core", RunnerType: "noop"},
		Runner:         execution.Runner{Name: "noop"},
		Parameters:     map[string]any{"cmd": "echo hi", "token": execution.Masked},
		Status:         execution.StatusRequested,
		StartTimestamp: at(n),
		Context: execution.Context{User: "stanley", TraceContext: &execution.TraceContext{TraceTag: "tag-" + id},
			Extra: map[string]json.RawMessage{"orquesta": json.RawMessage(`{"workflow_execution_id":"w-` + id + `"}`)}},
	}
}

// newTriggerInstance returns a processing trigger instance of trigger at
// second n.
func newTriggerInstance(id, trigger string, n int) execution.TriggerInstance {
	return execution.TriggerInstance{
		ID: id, Trigger: trigger, Payload: json.RawMessage(`{"body":{"n":` + fmt.Sprint(n) + `}}`),
		OccurrenceTime: at(n), Status: execution.TriggerProcessing,
	}
}

// newEnforcement returns a succeeded enforcement of rule at second n.
func newEnforcement(id, rule, ti, exec string, n int) execution.Enforcement {
	return execution.Enforcement{
		ID: id, Rule: execution.RuleRef{ID: "r-" + rule, Ref: rule}, TriggerInstanceID: ti,
		ExecutionID: exec, Status: execution.EnforcementSucceeded, EnforcedAt: at(n),
	}
}

// newTrace returns an empty trace with tag started at second n.
func newTrace(id, tag string, n int) execution.Trace {
	return execution.Trace{
		ID: id, TraceTag: tag, StartTimestamp: at(n),
		TraceComponents: execution.TraceComponents{
			TriggerInstances: []execution.TraceComponent{{ObjectID: "ti-" + id, Ref: "core.st2.webhook", UpdatedAt: at(n)}},
		},
	}
}

// newInquiry returns a pending inquiry created at second n.
func newInquiry(id string, n int) execution.Inquiry {
	return execution.Inquiry{
		ID: id, Schema: json.RawMessage(`{"type":"object","properties":{"approve":{"type":"boolean"}}}`),
		Roles: []string{}, Users: []string{"stanley"}, Route: "ops", TTL: 60,
		Status: execution.InquiryPending, CreatedAt: at(n),
	}
}
