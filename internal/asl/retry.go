package asl

// ErrorAll is the wildcard error name that matches every error except
// States.Runtime (and, for Catch/Retry, States.DataLimitExceeded is matched).
const ErrorAll = "States.ALL"

// Retrier is one element of a Retry field, with defaults filled in.
type Retrier struct {
	ErrorEquals     []string
	IntervalSeconds float64 // default 1
	MaxAttempts     int     // default 3
	BackoffRate     float64 // default 2.0
	MaxDelaySeconds float64 // 0: unbounded
	JitterStrategy  string  // "FULL" or "NONE" (default)
}

// Catcher is one element of a Catch field.
type Catcher struct {
	ErrorEquals []string
	Next        string
	ResultPath  PathField
	Output      any
	HasOutput   bool
	Assign      map[string]any
}
