package param

import "fmt"

// Error is a parameter that could not be resolved: it names the parameter
// and says why. Err, when set, is the underlying cause.
type Error struct {
	Name   string
	Reason string
	Err    error
}

// Error formats the problem as `parameter "name" reason`.
func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("parameter %q %s: %v", e.Name, e.Reason, e.Err)
	}
	return fmt.Sprintf("parameter %q %s", e.Name, e.Reason)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }
