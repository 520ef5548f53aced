package asl

import (
	"fmt"
	"strings"
)

// Problem is one validation finding: what is wrong and where.
type Problem struct {
	// Pointer is the JSON pointer of the offending field, e.g.
	// /States/Foo/Retry/0/ErrorEquals.
	Pointer string
	// Code classifies the problem, for example "SCHEMA_VALIDATION_FAILED"
	// or "UNREACHABLE_STATE".
	Code    string
	Message string
}

func (p Problem) String() string {
	ptr := p.Pointer
	if ptr == "" {
		ptr = "/"
	}
	return fmt.Sprintf("%s: %s: %s", ptr, p.Code, p.Message)
}

// ValidationError reports every problem found in a definition. Parse and
// Validate return it; callers read it with errors.As.
type ValidationError struct {
	Problems []Problem
}

// Error lists the problems one per line.
func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return "invalid state machine definition:\n" + strings.Join(lines, "\n")
}

// ASLError names the error as Step Functions would for a bad definition.
func (e *ValidationError) ASLError() (name, cause string) {
	return "States.Runtime", e.Error()
}

// problems collects findings during parse and validation.
type problems struct{ list []Problem }

func (ps *problems) add(ptr, code, format string, args ...any) {
	ps.list = append(ps.list, Problem{Pointer: ptr, Code: code, Message: fmt.Sprintf(format, args...)})
}

func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	return &ValidationError{Problems: ps.list}
}

// The problem codes, after Step Functions' ValidateStateMachineDefinition.
const (
	CodeSchema      = "SCHEMA_VALIDATION_FAILED"
	CodeInvalidJSON = "INVALID_JSON_DESCRIPTION"
	CodeMissingNext = "MISSING_TRANSITION_TARGET"
	CodeUnreachable = "UNREACHABLE_STATE"
	CodeNoTerminal  = "NO_TERMINAL_STATE"
	CodeBadPath     = "INVALID_JSON_PATH"
	CodeBadJSONata  = "INVALID_JSONATA"
)

// pointerEscape escapes a JSON pointer token.
func pointerEscape(s string) string {
	return pointerReplacer.Replace(s)
}

var pointerReplacer = strings.NewReplacer("~", "~0", "/", "~1")
