package execution

import "time"

// Stream names where an output line came from.
type Stream string

// The output streams.
const (
	Stdout Stream = "stdout"
	Stderr Stream = "stderr"
)

// OutputLine is one line an action printed while it ran, StackStorm's
// ActionExecutionOutput. Output is append-only.
type OutputLine struct {
	ExecutionID string `json:"execution_id"`
	// Seq is assigned by the store on append: 1, 2, 3... per execution, in
	// append order.
	Seq        int64     `json:"seq"`
	Timestamp  time.Time `json:"timestamp"`
	OutputType Stream    `json:"output_type"`
	// Host is the remote host that produced the line, empty for local
	// actions.
	Host string `json:"host,omitempty"`
	// Data is the line, with its trailing newline if it had one.
	Data string `json:"data"`
}
