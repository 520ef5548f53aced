package asl

import (
	"fmt"
	"sort"
	"strings"
)

// Validate checks a machine's structure the way Step Functions does when a
// machine is created: transitions, reachability, terminal states, retrier
// and catcher order, path syntax. It returns *ValidationError with every
// problem, or nil. Validate does not modify m.
func Validate(m *StateMachine) error {
	v := &validator{}
	v.machine(m)
	if len(v.list) == 0 {
		return nil
	}
	sort.SliceStable(v.list, func(i, j int) bool { return v.list[i].Pointer < v.list[j].Pointer })
	return v.err()
}

type validator struct{ problems }

func (v *validator) machine(m *StateMachine) {
	if m.StartAt != "" && m.States[m.StartAt] == nil {
		v.add(m.Pointer+"/StartAt", CodeMissingNext, "StartAt names no state: %q", m.StartAt)
	}
	terminal := false
	for _, name := range m.Order {
		s := m.States[name]
		v.state(m, s)
		terminal = terminal || s.IsTerminal()
	}
	if !terminal && len(m.States) > 0 {
		v.add(m.Pointer+"/States", CodeNoTerminal, "no state ends the machine")
	}
	v.reachability(m)
}

func (v *validator) state(m *StateMachine, s *State) {
	v.variables(s.Assign, s.QueryLanguage, s.Pointer+"/Assign")
	for i, c := range s.Catch {
		v.variables(c.Assign, s.QueryLanguage, fmt.Sprintf("%s/Catch/%d/Assign", s.Pointer, i))
	}
	for _, r := range s.Choices {
		v.variables(r.Assign, s.QueryLanguage, r.Pointer+"/Assign")
	}
	v.transitions(m, s)
	v.errorHandlers(m, s)
	v.paths(s)
	for _, b := range s.Branches {
		v.machine(b)
	}
	if s.Processor != nil {
		v.machine(s.Processor)
	}
}

func (v *validator) transitions(m *StateMachine, s *State) {
	switch s.Type {
	case TypeChoice:
		for _, r := range s.Choices {
			v.target(m, r.Next, r.Pointer+"/Next")
		}
		if s.Default != "" {
			v.target(m, s.Default, s.Pointer+"/Default")
		}
	case TypeSucceed, TypeFail, "":
	default:
		switch {
		case s.End && s.Next != "":
			v.add(s.Pointer+"/Next", CodeSchema, "a state cannot have both Next and End")
		case !s.End && s.Next == "":
			v.add(s.Pointer, CodeMissingNext, "state requires Next or End: true")
		case s.Next != "":
			v.target(m, s.Next, s.Pointer+"/Next")
		}
	}
}

func (v *validator) target(m *StateMachine, name, ptr string) {
	if name != "" && m.States[name] == nil {
		v.add(ptr, CodeMissingNext, "missing transition target: %q", name)
	}
}

func (v *validator) errorHandlers(m *StateMachine, s *State) {
	for i, r := range s.Retry {
		if containsAll(r.ErrorEquals) && i != len(s.Retry)-1 {
			v.add(fmt.Sprintf("%s/Retry/%d/ErrorEquals", s.Pointer, i), CodeSchema, "States.ALL must be in the last retrier")
		}
	}
	for i, c := range s.Catch {
		ptr := fmt.Sprintf("%s/Catch/%d", s.Pointer, i)
		if containsAll(c.ErrorEquals) && i != len(s.Catch)-1 {
			v.add(ptr+"/ErrorEquals", CodeSchema, "States.ALL must be in the last catcher")
		}
		v.target(m, c.Next, ptr+"/Next")
		if c.ResultPath.Present && !c.ResultPath.Null {
			v.referencePath(c.ResultPath.Path, ptr+"/ResultPath")
		}
	}
}

func containsAll(names []string) bool { return contains(names, ErrorAll) }

// reachability reports states no transition leads to.
func (v *validator) reachability(m *StateMachine) {
	seen := map[string]bool{}
	stack := []string{m.StartAt}
	for len(stack) > 0 {
		name := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		s := m.States[name]
		if s == nil || seen[name] {
			continue
		}
		seen[name] = true
		stack = append(stack, successors(s)...)
	}
	for _, name := range m.Order {
		if !seen[name] && m.States[m.StartAt] != nil {
			v.add(m.States[name].Pointer, CodeUnreachable, "state %q is not reachable", name)
		}
	}
}

func successors(s *State) []string {
	out := []string{s.Next, s.Default}
	for _, r := range s.Choices {
		out = append(out, r.Next)
	}
	for _, c := range s.Catch {
		out = append(out, c.Next)
	}
	return out
}

// variables checks Assign's variable names: identifiers (a JSONPath key may
// end in ".$"), not the reserved "states".
func (v *validator) variables(assign map[string]any, lang QueryLanguage, ptr string) {
	for k := range assign {
		name := k
		if lang == JSONPath {
			name = strings.TrimSuffix(k, ".$")
		}
		if !isIdentifier(name) || name == "states" {
			v.add(ptr+"/"+pointerEscape(k), CodeSchema, "invalid variable name %q", name)
		}
	}
}

func isIdentifier(s string) bool {
	if s == "" || len(s) > 80 {
		return false
	}
	for i, c := range s {
		letter := c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}
