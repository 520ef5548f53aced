package pack

import (
	"cmp"
	"maps"
	"slices"
)

// Set is everything one Load call found: packs, with their actions, rules,
// trigger types, sensors, policies and aliases, plus the built-in runners
// and trigger types. A Set is read-only once returned and safe for
// concurrent readers.
type Set struct {
	packs        map[string]*Pack
	actions      map[string]*Action
	rules        map[string]*Rule
	triggerTypes map[string]*TriggerType
	runners      map[string]*Runner
	warnings     ErrorList
}

func newSet() (*Set, error) {
	runners, err := builtinRunners()
	if err != nil {
		return nil, err
	}
	triggers, err := builtinTriggerTypes()
	if err != nil {
		return nil, err
	}
	return &Set{
		packs:        map[string]*Pack{},
		actions:      map[string]*Action{},
		rules:        map[string]*Rule{},
		triggerTypes: maps.Clone(triggers),
		runners:      runners,
	}, nil
}

// Packs returns the loaded packs sorted by ref.
func (s *Set) Packs() []*Pack { return sorted(s.packs, func(p *Pack) string { return p.Ref }) }

// Pack returns the pack with the given ref.
func (s *Set) Pack(ref string) (*Pack, bool) { p, ok := s.packs[ref]; return p, ok }

// Action returns the action with the given ref ("pack.name").
func (s *Set) Action(ref string) (*Action, bool) { a, ok := s.actions[ref]; return a, ok }

// Actions returns every action sorted by ref.
func (s *Set) Actions() []*Action { return sorted(s.actions, func(a *Action) string { return a.Ref }) }

// Rule returns the rule with the given ref ("pack.name").
func (s *Set) Rule(ref string) (*Rule, bool) { r, ok := s.rules[ref]; return r, ok }

// Rules returns every rule sorted by ref.
func (s *Set) Rules() []*Rule { return sorted(s.rules, func(r *Rule) string { return r.Ref }) }

// TriggerType returns the trigger type with the given ref: built in (e.g.
// "core.st2.webhook", "aws.events") or declared by a loaded sensor.
func (s *Set) TriggerType(ref string) (*TriggerType, bool) {
	t, ok := s.triggerTypes[ref]
	return t, ok
}

// TriggerTypes returns every trigger type, built-ins included, sorted by
// ref.
func (s *Set) TriggerTypes() []*TriggerType {
	return sorted(s.triggerTypes, func(t *TriggerType) string { return t.Ref })
}

// Runner returns the built-in runner type with the given name (e.g.
// "local-shell-cmd") or alias.
func (s *Set) Runner(name string) (*Runner, bool) {
	if r, ok := s.runners[name]; ok {
		return r, true
	}
	for _, r := range s.runners {
		if slices.Contains(r.Aliases, name) {
			return r, true
		}
	}
	return nil, false
}

// Runners returns the built-in runner types sorted by name.
func (s *Set) Runners() []*Runner { return sorted(s.runners, func(r *Runner) string { return r.Name }) }

// Warnings returns what loading could not check, such as a rule's action
// in a pack that was not loaded. Warnings never make Load fail.
func (s *Set) Warnings() ErrorList { return s.warnings }

func sorted[T any](m map[string]T, key func(T) string) []T {
	out := slices.Collect(maps.Values(m))
	slices.SortFunc(out, func(a, b T) int { return cmp.Compare(key(a), key(b)) })
	return out
}
