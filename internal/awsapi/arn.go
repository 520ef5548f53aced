package awsapi

import (
	"strings"

	"github.com/stormless/stormless/internal/workflow"
)

// ExecutionARN is the ARN of execution name (a name given to
// StartExecution, or a Stormless execution id) of the state machine of
// workflow action ref, in the aws partition: the ARN Step Functions gives
// it on AWS, where the CDK stack names the state machine
// workflow.StateMachineName(ref).
func ExecutionARN(region, account, ref, name string) string {
	return stateARN{partition: "aws", region: region, account: account, kind: "execution",
		machine: workflow.StateMachineName(ref), name: name}.String()
}

// stateARN is a Step Functions state machine or execution ARN.
type stateARN struct {
	partition, region, account string
	// kind is "stateMachine" or "execution".
	kind    string
	machine string
	// name is the execution name (execution ARNs only).
	name string
}

// String formats a.
func (a stateARN) String() string {
	s := "arn:" + a.partition + ":states:" + a.region + ":" + a.account + ":" + a.kind + ":" + a.machine
	if a.kind == "execution" {
		s += ":" + a.name
	}
	return s
}

// machineARN is the state machine ARN of an execution ARN.
func (a stateARN) machineARN() stateARN {
	a.kind, a.name = "stateMachine", ""
	return a
}

// execution returns the ARN of execution name of state machine a.
func (a stateARN) execution(name string) stateARN {
	a.kind, a.name = "execution", name
	return a
}

// parseARN reads a state machine (kind "stateMachine") or execution
// (kind "execution") ARN; ok is false for anything else.
func parseARN(s, kind string) (stateARN, bool) {
	parts := strings.Split(s, ":")
	want := 7
	if kind == "execution" {
		want = 8
	}
	if len(parts) != want || parts[0] != "arn" || parts[1] == "" || parts[2] != "states" || parts[5] != kind || parts[6] == "" {
		return stateARN{}, false
	}
	a := stateARN{partition: parts[1], region: parts[3], account: parts[4], kind: kind, machine: parts[6]}
	if kind == "execution" {
		if a.name = parts[7]; a.name == "" {
			return stateARN{}, false
		}
	}
	return a, true
}

// invalidARN is Step Functions' InvalidArn error.
func invalidARN(field, got, kind string) *Error {
	return clientError("InvalidArn", "Invalid Arn: %s %q is not a %s ARN (arn:aws:states:<region>:<account>:%s)",
		field, got, kind, map[string]string{"stateMachine": "stateMachine:<name>", "execution": "execution:<state machine>:<name>"}[kind])
}
