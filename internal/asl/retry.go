package asl

// ErrorAll is the wildcard error name of Retry and Catch: it matches every
// error except States.Runtime.
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
