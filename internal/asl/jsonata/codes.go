package jsonata

import (
	"errors"
	"fmt"

	jsonatalib "github.com/blues/jsonata-go"
	"github.com/blues/jsonata-go/jparse"
)

// evalCodes maps the library's evaluation errors to JSONata 2.x's codes
// and messages ({{value}} and {{token}} are filled from the error).
var evalCodes = map[jsonatalib.ErrType][2]string{
	jsonatalib.ErrNonIntegerLHS:      {"T2003", "The left side of the range operator (..) must evaluate to an integer"},
	jsonatalib.ErrNonIntegerRHS:      {"T2004", "The right side of the range operator (..) must evaluate to an integer"},
	jsonatalib.ErrNonNumberLHS:       {"T2001", "The left side of the {{value}} operator must evaluate to a number"},
	jsonatalib.ErrNonNumberRHS:       {"T2002", "The right side of the {{value}} operator must evaluate to a number"},
	jsonatalib.ErrNonComparableLHS:   {"T2010", "The expressions either side of operator {{value}} must evaluate to numeric or string values"},
	jsonatalib.ErrNonComparableRHS:   {"T2010", "The expressions either side of operator {{value}} must evaluate to numeric or string values"},
	jsonatalib.ErrTypeMismatch:       {"T2009", "The values either side of operator {{value}} must be of the same data type"},
	jsonatalib.ErrNonCallable:        {"T1006", "Attempted to invoke a non-function"},
	jsonatalib.ErrNonCallableApply:   {"T2006", "The right side of the function application operator ~> must be a function"},
	jsonatalib.ErrNonCallablePartial: {"T1008", "Attempted to partially apply a non-function"},
	jsonatalib.ErrNumberInf:          {"D1001", "Number out of range"},
	jsonatalib.ErrNumberNaN:          {"D1001", "Number out of range"},
	jsonatalib.ErrMaxRangeItems:      {"D2014", "The size of the sequence allocated by the range operator (..) must not exceed 1e7"},
	jsonatalib.ErrIllegalKey:         {"T1003", "Key in object structure must evaluate to a string"},
	jsonatalib.ErrDuplicateKey:       {"D1009", "Multiple key definitions evaluate to same key: {{value}}"},
	jsonatalib.ErrIllegalUpdate:      {"T2011", "The insert/update clause of the transform expression must evaluate to an object"},
	jsonatalib.ErrIllegalDelete:      {"T2012", "The delete clause of the transform expression must evaluate to a string or array of strings"},
	jsonatalib.ErrNonSortable:        {"T2008", "The expressions within an order-by clause must evaluate to numeric or string values"},
	jsonatalib.ErrSortMismatch:       {"T2007", "Type mismatch when comparing values in order-by clause"},
}

// evalError converts an evaluation error of the library to an *Error.
func evalError(expr string, err error) *Error {
	var ee *jsonatalib.EvalError
	if errors.As(err, &ee) {
		if c, ok := evalCodes[ee.Type]; ok {
			return &Error{Expr: expr, Code: c[0], Message: fill(c[1], ee.Token, ee.Value)}
		}
	}
	var ac *jsonatalib.ArgCountError
	if errors.As(err, &ac) {
		return &Error{Expr: expr, Code: "T0410", Message: fmt.Sprintf(
			"Argument count of function %s does not match function signature (takes %d, got %d)",
			ac.Func, ac.Expected, ac.Received)}
	}
	var at *jsonatalib.ArgTypeError
	if errors.As(err, &at) {
		return &Error{Expr: expr, Code: "T0410", Message: fmt.Sprintf(
			"Argument %d of function %s does not match function signature", at.Which, at.Func)}
	}
	var fe *functionError
	if errors.As(err, &fe) {
		return &Error{Expr: expr, Code: fe.code, Message: fe.msg}
	}
	return &Error{Expr: expr, Code: "D3137", Message: err.Error()}
}

// fill replaces {{token}} and {{value}} in msg.
func fill(msg, token, value string) string {
	out := []byte{}
	for i := 0; i < len(msg); i++ {
		switch {
		case hasAt(msg, i, "{{token}}"):
			out = append(out, token...)
			i += len("{{token}}") - 1
		case hasAt(msg, i, "{{value}}"):
			out = append(out, value...)
			i += len("{{value}}") - 1
		default:
			out = append(out, msg[i])
		}
	}
	return string(out)
}

// hasAt reports whether s has sub at offset i.
func hasAt(s string, i int, sub string) bool {
	return len(s)-i >= len(sub) && s[i:i+len(sub)] == sub
}

// syntaxError converts a parse error of the library to a *SyntaxError.
func syntaxError(expr string, err error) *SyntaxError {
	var pe *jparse.Error
	if errors.As(err, &pe) {
		return &SyntaxError{Expr: expr, Code: "S0201", Message: pe.Error(), Position: pe.Position}
	}
	return &SyntaxError{Expr: expr, Code: "S0201", Message: err.Error()}
}

// functionError is an error raised by one of the functions Step Functions
// adds, carrying JSONata's code.
type functionError struct {
	code, msg string
}

// Error returns the code and message.
func (e *functionError) Error() string { return e.code + ": " + e.msg }
