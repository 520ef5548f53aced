package interp

import (
	"context"
	"encoding/json"
	"errors"
)

// LambdaError is a function error, as a Lambda function written in another
// runtime would raise it: the task fails with Error = Type and Cause = the
// JSON error object {"errorMessage", "errorType"}.
type LambdaError struct {
	Type    string
	Message string
}

// Error returns the message.
func (e *LambdaError) Error() string { return e.Type + ": " + e.Message }

// functionError converts what a LambdaFunc returned into the task failure.
func functionError(err error) *Failure {
	var le *LambdaError
	if !errors.As(err, &le) {
		var ae aslError
		if errors.As(err, &ae) {
			name, cause := ae.ASLError()
			return &Failure{Name: name, Cause: cause}
		}
		le = &LambdaError{Type: "Error", Message: err.Error()}
	}
	cause, _ := json.Marshal(map[string]any{"errorMessage": le.Message, "errorType": le.Type})
	return &Failure{Name: le.Type, Cause: string(cause)}
}

func (in *Interpreter) lambdaFunc(name string) (lambdaEntry, *Failure) {
	fn, ok := in.registry.lambda(name)
	if !ok {
		return lambdaEntry{}, fail("Lambda.ResourceNotFoundException",
			"Function not found: arn:aws:lambda:%s:%s:function:%s (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException)",
			in.region, in.account, functionName(name))
	}
	return fn, nil
}

// payload is what fn gets: the value itself when fn shares it, else a
// copy.
func (e lambdaEntry) payload(v any) any {
	if e.shared {
		return v
	}
	return deepCopy(v)
}

// invokeBareLambda serves a Task whose Resource is a function ARN: the
// parameters are the event and the function's result is the task result.
func (in *Interpreter) invokeBareLambda(ctx context.Context, req *TaskRequest) (any, error) {
	fn, f := in.lambdaFunc(req.Resource)
	if f != nil {
		return nil, f
	}
	out, err := fn.fn(ctx, fn.payload(req.Parameters))
	if err != nil {
		return nil, functionError(err)
	}
	return out, nil
}

// invokeLambda serves arn:aws:states:::lambda:invoke: Parameters hold
// FunctionName and Payload; the result wraps the function's output.
func (in *Interpreter) invokeLambda(ctx context.Context, req *TaskRequest) (any, error) {
	p, _ := req.Parameters.(map[string]any)
	name, _ := p["FunctionName"].(string)
	if name == "" {
		return nil, fail(ErrTaskFailed, "lambda:invoke requires FunctionName")
	}
	fn, f := in.lambdaFunc(name)
	if f != nil {
		return nil, f
	}
	out, err := fn.fn(ctx, fn.payload(p["Payload"]))
	if err != nil {
		return nil, functionError(err)
	}
	return map[string]any{
		"ExecutedVersion": "$LATEST",
		"Payload":         out,
		"StatusCode":      float64(200),
		"SdkHttpMetadata": map[string]any{"HttpStatusCode": float64(200)},
		"SdkResponseMetadata": map[string]any{
			"RequestId": in.newUUID(),
		},
	}, nil
}
