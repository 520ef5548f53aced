package asl

// The state types.
const (
	TypePass     = "Pass"
	TypeTask     = "Task"
	TypeChoice   = "Choice"
	TypeWait     = "Wait"
	TypeSucceed  = "Succeed"
	TypeFail     = "Fail"
	TypeParallel = "Parallel"
	TypeMap      = "Map"
)

// PathField is an optional path-valued field such as InputPath or
// ResultPath: absent (Present false), explicitly null (Null true) or a path.
type PathField struct {
	Present bool
	Null    bool
	Path    string
}

// Value returns the path, or def when the field is absent.
func (p PathField) Value(def string) string {
	if !p.Present {
		return def
	}
	return p.Path
}

// State is one state of a machine. Only the fields of its Type (and of its
// query language) are set; payload templates (Parameters, Result, Arguments,
// Output, Assign, ...) keep their generic JSON form. Immutable after Parse.
type State struct {
	Name          string
	Type          string
	QueryLanguage QueryLanguage // effective language: the state's or the machine's
	Comment       string
	Pointer       string // JSON pointer of the state in the definition

	Next string
	End  bool

	// JSONPath input/output processing.
	InputPath      PathField
	OutputPath     PathField
	ResultPath     PathField
	Parameters     any
	HasParameters  bool
	ResultSelector any
	HasSelector    bool
	Result         any
	HasResult      bool

	// JSONata input/output processing.
	Arguments    any
	HasArguments bool
	Output       any
	HasOutput    bool

	Assign map[string]any

	// Task.
	Resource             string
	TimeoutSeconds       any // number, or a JSONata template string
	TimeoutSecondsPath   string
	HeartbeatSeconds     any
	HeartbeatSecondsPath string
	Credentials          any

	Retry []Retrier
	Catch []Catcher

	// Choice.
	Choices []ChoiceRule
	Default string

	// Wait.
	Seconds       any
	SecondsPath   string
	Timestamp     any
	TimestampPath string

	// Fail.
	Error     any
	ErrorPath string
	Cause     any
	CausePath string

	// Parallel.
	Branches []*StateMachine

	// Map.
	Processor                      *StateMachine
	ItemsPath                      PathField
	Items                          any
	HasItems                       bool
	ItemSelector                   any
	HasItemSelector                bool
	ItemReader                     map[string]any
	ItemBatcher                    map[string]any
	ResultWriter                   map[string]any
	MaxConcurrency                 any
	MaxConcurrencyPath             string
	ToleratedFailurePercentage     any
	ToleratedFailurePercentagePath string
	ToleratedFailureCount          any
	ToleratedFailureCountPath      string
	Label                          string
}

// IsTerminal reports whether the state ends its machine.
func (s *State) IsTerminal() bool {
	return s.End || s.Type == TypeSucceed || s.Type == TypeFail
}
