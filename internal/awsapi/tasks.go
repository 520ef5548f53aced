package awsapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/stormless/stormless/internal/enforce"
	"github.com/stormless/stormless/internal/execution"
)

type taskTokenInput struct {
	TaskToken string `json:"taskToken"`
}

type sendTaskSuccessInput struct {
	TaskToken string  `json:"taskToken"`
	Output    *string `json:"output"`
}

type sendTaskFailureInput struct {
	TaskToken string `json:"taskToken"`
	Error     string `json:"error"`
	Cause     string `json:"cause"`
}

// empty is the answer of the SendTask* calls.
type empty struct{}

// sendTaskSuccess serves AWSStepFunctions.SendTaskSuccess: the token is
// an inquiry id and the output its response.
func (h *Handler) sendTaskSuccess(ctx context.Context, c call, body []byte) (any, *Error) {
	var in sendTaskSuccessInput
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	if err := checkToken(in.TaskToken); err != nil {
		return nil, err
	}
	if in.Output == nil {
		return nil, clientError(codeValidation, "1 validation error detected: output is required (the inquiry's response, a JSON object)")
	}
	if len(*in.Output) > MaxInputBytes {
		return nil, clientError(codeValidation, "1 validation error detected: output is %d bytes, the limit is %d", len(*in.Output), MaxInputBytes)
	}
	var response map[string]any
	if err := json.Unmarshal([]byte(*in.Output), &response); err != nil || response == nil {
		return nil, clientError("InvalidOutput", "Invalid Output: the output of a core.ask task is the inquiry's response, a JSON object; got %.100q", *in.Output)
	}
	_, err := h.engine.Respond(ctx, in.TaskToken, response, c.user)
	if errors.Is(err, enforce.ErrInvalidResponse) {
		return nil, clientError("InvalidOutput", "Invalid Output: %v", err)
	}
	return empty{}, taskError(in.TaskToken, err)
}

// sendTaskFailure serves AWSStepFunctions.SendTaskFailure: the inquiry
// the token names fails with the error and cause.
func (h *Handler) sendTaskFailure(ctx context.Context, c call, body []byte) (any, *Error) {
	var in sendTaskFailureInput
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	if err := checkToken(in.TaskToken); err != nil {
		return nil, err
	}
	if len(in.Error) > 256 || len(in.Cause) > 32768 {
		return nil, clientError(codeValidation, "1 validation error detected: error is at most 256 characters, cause at most 32768")
	}
	_, err := h.engine.FailInquiry(ctx, in.TaskToken, in.Error, in.Cause, c.user)
	return empty{}, taskError(in.TaskToken, err)
}

// sendTaskHeartbeat serves AWSStepFunctions.SendTaskHeartbeat: it checks
// that the inquiry the token names is still pending (inquiries time out
// by their TTL, not by heartbeats).
func (h *Handler) sendTaskHeartbeat(ctx context.Context, _ call, body []byte) (any, *Error) {
	var in taskTokenInput
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	if err := checkToken(in.TaskToken); err != nil {
		return nil, err
	}
	q, err := h.store.GetInquiry(ctx, in.TaskToken)
	if err == nil && q.Status != execution.InquiryPending {
		err = execution.ErrConflict
	}
	return empty{}, taskError(in.TaskToken, err)
}

// checkToken applies Step Functions' token length bounds.
func checkToken(token string) *Error {
	if len(token) < 1 || len(token) > 1024 {
		return clientError("InvalidToken", "Invalid Token: a task token has 1 to 1024 characters (locally, the inquiry id)")
	}
	return nil
}

// taskError maps the engine's answer about a task token.
func taskError(token string, err error) *Error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, execution.ErrNotFound):
		return clientError("TaskDoesNotExist", "Task Does Not Exist: no inquiry %q (GET /api/v1/inquiries lists them)", token)
	case errors.Is(err, execution.ErrConflict):
		return clientError("TaskTimedOut", "Task Timed Out: inquiry %q is no longer pending", token)
	}
	return internalError(fmt.Errorf("completing task %s: %w", token, err))
}
