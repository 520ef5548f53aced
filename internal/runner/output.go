package runner

// Stream names where a line of output came from.
type Stream string

// The output streams.
const (
	Stdout Stream = "stdout"
	Stderr Stream = "stderr"
)

// Line is one line of an action's output as it is produced.
type Line struct {
	Stream Stream
	// Host is the remote host that produced the line (remote runners),
	// empty for local actions.
	Host string
	// Text is the line with its trailing newline, if it had one: the
	// concatenation of a stream's lines is the stream's exact output.
	Text string
}

// Output receives output lines while an action runs. Runners call it from
// one goroutine at a time per execution, in the order lines were read from
// each stream; it should return quickly (it delays reading the output).
type Output func(Line)
