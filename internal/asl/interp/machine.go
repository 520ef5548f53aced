package interp

import (
	"fmt"

	"github.com/stormless/stormless/internal/asl"
)

// Machine is a loaded, compiled state machine. Immutable; safe for
// concurrent executions.
type Machine struct {
	Name string            // the name it was loaded under
	ARN  string            // arn:aws:states:<region>:<account>:stateMachine:<Name>
	Def  *asl.StateMachine // the parsed definition
	prog *program
}

// Load parses, validates and compiles a definition and registers it under
// name, so states:startExecution tasks can start it by ARN. Invalid
// definitions return *asl.ValidationError.
func (in *Interpreter) Load(name string, definition []byte) (*Machine, error) {
	def, err := asl.Parse(definition)
	if err != nil {
		return nil, fmt.Errorf("loading state machine %s: %w", name, err)
	}
	return in.LoadDefinition(name, def)
}

// LoadDefinition compiles an already parsed definition and registers it.
func (in *Interpreter) LoadDefinition(name string, def *asl.StateMachine) (*Machine, error) {
	m, err := in.compile(name, def)
	if err != nil {
		return nil, fmt.Errorf("loading state machine %s: %w", name, err)
	}
	in.mu.Lock()
	in.machines[m.ARN] = m
	in.mu.Unlock()
	return m, nil
}

// compile compiles a parsed definition into an unregistered Machine.
func (in *Interpreter) compile(name string, def *asl.StateMachine) (*Machine, error) {
	prog, err := compileProgram(def)
	if err != nil {
		return nil, err
	}
	return &Machine{Name: name, Def: def, prog: prog,
		ARN: fmt.Sprintf("arn:aws:states:%s:%s:stateMachine:%s", in.region, in.account, name)}, nil
}

// parseMachine parses, validates and compiles a definition without
// registering it.
func (in *Interpreter) parseMachine(name string, definition []byte) (*Machine, error) {
	def, err := asl.Parse(definition)
	if err != nil {
		return nil, fmt.Errorf("parsing state machine %s: %w", name, err)
	}
	m, err := in.compile(name, def)
	if err != nil {
		return nil, fmt.Errorf("compiling state machine %s: %w", name, err)
	}
	return m, nil
}

// machine returns a loaded machine by ARN or name.
func (in *Interpreter) machine(arnOrName string) (*Machine, bool) {
	in.mu.RLock()
	defer in.mu.RUnlock()
	if m, ok := in.machines[arnOrName]; ok {
		return m, true
	}
	for _, m := range in.machines {
		if m.Name == arnOrName {
			return m, true
		}
	}
	return nil, false
}
