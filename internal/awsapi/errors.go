package awsapi

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// Error is an AWS error answered to the client: its code (the "__type"
// of the body and X-Amzn-ErrorType), message and HTTP status.
type Error struct {
	Code    string
	Message string
	Status  int
}

// Error returns the code and message.
func (e *Error) Error() string { return e.Code + ": " + e.Message }

// clientError returns a 400 Error with code and a formatted message.
func clientError(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Status: http.StatusBadRequest}
}

// Error codes shared by the operations.
const (
	codeSerialization    = "SerializationException"
	codeUnknownOperation = "UnknownOperationException"
	codeValidation       = "ValidationException"
	codeInternal         = "InternalFailure"
	codeUnrecognized     = "UnrecognizedClientException"
	codeMissingToken     = "MissingAuthenticationTokenException"
)

// internalError is a 500 InternalFailure for err.
func internalError(err error) *Error {
	return &Error{Code: codeInternal, Message: err.Error(), Status: http.StatusInternalServerError}
}

// errorBody is the JSON body of an AWS error.
type errorBody struct {
	Type    string `json:"__type"`
	Message string `json:"message"`
}

// writeError answers with e as AWS does.
func writeError(w http.ResponseWriter, contentType string, e *Error) {
	w.Header().Set("X-Amzn-ErrorType", e.Code)
	writeJSON(w, contentType, e.Status, errorBody{Type: e.Code, Message: e.Message})
}

// writeJSON answers with status and v as JSON of contentType.
func writeJSON(w http.ResponseWriter, contentType string, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b, _ = json.Marshal(errorBody{Type: codeInternal, Message: "encoding response: " + err.Error()})
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
