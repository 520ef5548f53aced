package awsapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/workflow"
)

// MaxInputBytes is the largest execution input or task output, as Step
// Functions' (256 KiB).
const MaxInputBytes = 256 * 1024

type startExecutionInput struct {
	StateMachineARN string  `json:"stateMachineArn"`
	Name            *string `json:"name"`
	Input           *string `json:"input"`
}

type startExecutionOutput struct {
	ExecutionARN string  `json:"executionArn"`
	StartDate    float64 `json:"startDate"`
}

// startExecution serves AWSStepFunctions.StartExecution: it runs the
// workflow the state machine ARN names with the input object as its
// parameters.
func (h *Handler) startExecution(ctx context.Context, c call, body []byte) (any, *Error) {
	var in startExecutionInput
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	arn, ok := parseARN(in.StateMachineARN, "stateMachine")
	if !ok {
		return nil, invalidARN("stateMachineArn", in.StateMachineARN, "stateMachine")
	}
	ref, ok := h.machines.ref(h.engine.Packs(), arn.machine)
	if !ok {
		return nil, clientError("StateMachineDoesNotExist", "State Machine Does Not Exist: '%s' (no workflow action's state machine has that name; names are stormless-<pack>-<action> with dots as dashes)", in.StateMachineARN)
	}
	input := "{}"
	if in.Input != nil {
		input = *in.Input
	}
	params, perr := executionInput(input)
	if perr != nil {
		return nil, perr
	}
	if in.Name == nil {
		out, _, err := h.start(ctx, c, arn, ref, params, "")
		return out, err
	}
	if err := checkName(*in.Name); err != nil {
		return nil, err
	}
	h.startMu.Lock()
	defer h.startMu.Unlock()
	if run, ok := h.names.get(arn.machine, *in.Name); ok {
		return h.restart(ctx, arn, *in.Name, run, input)
	}
	out, id, err := h.start(ctx, c, arn, ref, params, *in.Name)
	if err == nil {
		h.names.put(arn.machine, *in.Name, namedRun{id: id, input: input})
	}
	return out, err
}

// start submits the workflow and answers with its ARN, named name or else
// its execution id, and the execution id.
func (h *Handler) start(ctx context.Context, c call, arn stateARN, ref string, params map[string]any, name string) (any, string, *Error) {
	id, err := h.engine.Submit(ctx, ref, params, c.user)
	if err != nil {
		return nil, "", internalError(fmt.Errorf("starting %s: %w", ref, err))
	}
	x, err := h.store.GetExecution(ctx, id)
	if err != nil {
		return nil, "", internalError(fmt.Errorf("reading execution %s: %w", id, err))
	}
	if name == "" {
		name = id
	}
	return startExecutionOutput{ExecutionARN: arn.execution(name).String(), StartDate: epoch(x.StartTimestamp)}, id, nil
}

// restart answers a start under a name already used: the same answer when
// the input is the same and the execution still runs, as Step Functions
// does; ExecutionAlreadyExists otherwise.
func (h *Handler) restart(ctx context.Context, arn stateARN, name string, run namedRun, input string) (any, *Error) {
	x, err := h.store.GetExecution(ctx, run.id)
	if err != nil {
		return nil, internalError(fmt.Errorf("reading execution %s: %w", run.id, err))
	}
	if run.input != input || x.Status.Final() {
		return nil, clientError("ExecutionAlreadyExists", "Execution Already Exists: '%s' (names are unique per state machine; an identical start is only repeated while the execution runs)", arn.execution(name))
	}
	return startExecutionOutput{ExecutionARN: arn.execution(name).String(), StartDate: epoch(x.StartTimestamp)}, nil
}

// executionInput decodes an execution input: a JSON object, the
// workflow's parameters.
func executionInput(input string) (map[string]any, *Error) {
	if len(input) > MaxInputBytes {
		return nil, clientError(codeValidation, "1 validation error detected: input is %d bytes, the limit is %d", len(input), MaxInputBytes)
	}
	var params map[string]any
	if err := json.Unmarshal([]byte(input), &params); err != nil || params == nil {
		return nil, clientError("InvalidExecutionInput", "Invalid State Machine Execution Input: want a JSON object of the workflow's parameters, got %.100q", input)
	}
	return params, nil
}

// checkName applies Step Functions' execution name rules.
func checkName(name string) *Error {
	if n := len([]rune(name)); n < 1 || n > 80 {
		return clientError("InvalidName", "Invalid Name: '%s': a name has 1 to 80 characters", name)
	}
	for _, r := range name {
		if unicode.IsSpace(r) || unicode.IsControl(r) || strings.ContainsRune("<>{}[]?*\"#%\\^|~`$&,;:/", r) {
			return clientError("InvalidName", "Invalid Name: '%s': %q is not allowed in a name", name, r)
		}
	}
	return nil
}

// epoch is t in epoch seconds, as the JSON protocols send timestamps.
func epoch(t time.Time) float64 {
	return float64(t.UnixNano()) / 1e9
}

// lookup finds the execution an execution ARN names: by the name it was
// started under, else as an execution id; it must be a run of the state
// machine the ARN names.
func (h *Handler) lookup(ctx context.Context, field, s string) (stateARN, execution.Execution, *Error) {
	arn, ok := parseARN(s, "execution")
	if !ok {
		return stateARN{}, execution.Execution{}, invalidARN(field, s, "execution")
	}
	id := arn.name
	if run, ok := h.names.get(arn.machine, arn.name); ok {
		id = run.id
	}
	notFound := clientError("ExecutionDoesNotExist", "Execution Does Not Exist: '%s'", s)
	x, err := h.store.GetExecution(ctx, id)
	switch {
	case errors.Is(err, execution.ErrNotFound):
		return stateARN{}, execution.Execution{}, notFound
	case err != nil:
		return stateARN{}, execution.Execution{}, internalError(fmt.Errorf("reading execution %s: %w", id, err))
	case workflow.StateMachineName(x.Action.Ref) != arn.machine || !h.machines.isWorkflow(h.engine.Packs(), x.Action.Ref):
		return stateARN{}, execution.Execution{}, notFound
	}
	return arn, x, nil
}
