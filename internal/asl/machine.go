package asl

// QueryLanguage names how a state's fields are evaluated.
type QueryLanguage string

// The two query languages Step Functions supports.
const (
	JSONPath QueryLanguage = "JSONPath"
	JSONata  QueryLanguage = "JSONata"
)

// StateMachine is a parsed definition: the top-level machine, a Parallel
// branch or a Map item processor. A StateMachine is immutable after Parse
// and safe for concurrent use.
type StateMachine struct {
	Comment        string
	StartAt        string
	States         map[string]*State
	Order          []string // state names in definition order
	QueryLanguage  QueryLanguage
	TimeoutSeconds int // 0: no execution timeout
	Version        string
	// ProcessorMode is "INLINE" or "DISTRIBUTED" for a Map item processor,
	// empty otherwise.
	ProcessorMode string
	// ExecutionType is a distributed Map's ProcessorConfig.ExecutionType.
	ExecutionType string
	// Pointer is the JSON pointer of this machine in the definition ("" for
	// the top level).
	Pointer string
}

// State returns the named state, or nil when there is none.
func (m *StateMachine) State(name string) *State { return m.States[name] }
