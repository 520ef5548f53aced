package pack

import (
	"maps"
	"slices"
	"strings"
)

// resolve checks the references between resources once every pack is
// loaded: rules to trigger types and actions, policies and aliases to
// actions.
func (l *loader) resolve() {
	for _, r := range l.set.Rules() {
		l.resolveRule(r)
	}
	for _, p := range l.set.Packs() {
		for _, pol := range p.Policies {
			l.resolveAction(pol.ResourceRef, pol.Pos, "policy "+pol.Ref)
		}
		for _, a := range p.Aliases {
			l.resolveAction(a.ActionRef, a.Pos, "action alias "+a.Ref)
		}
	}
}

// resolveRule checks a rule's trigger type, trigger parameters and action.
func (l *loader) resolveRule(r *Rule) {
	l.resolveAction(r.Action.Ref, r.Action.Pos, "rule "+r.Ref)
	if a, ok := l.set.Action(r.Action.Ref); ok {
		l.checkRuleParams(r, a)
	}
	ref := r.Trigger.Type
	if ref == "" {
		return
	}
	t, ok := l.set.TriggerType(ref)
	if !ok {
		l.unresolved(r.Trigger.Pos, "rule "+r.Ref, "trigger type", ref, l.triggerHint(ref))
		return
	}
	if err := t.validateParameters(r.Trigger.Parameters); err != nil {
		l.r.add(r.Trigger.Pos, "rule %s: trigger parameters do not fit trigger type %s (%v): fix trigger.parameters", r.Ref, ref, err)
	}
}

// checkRuleParams checks the parameters a rule passes to its action:
// StackStorm refuses unknown ones and needs every required one without a
// default.
func (l *loader) checkRuleParams(r *Rule, a *Action) {
	for _, name := range slices.Sorted(maps.Keys(r.Action.Parameters)) {
		if _, ok := a.Parameters[name]; !ok {
			at, found := r.Action.paramPos[name]
			if !found {
				at = r.Action.Pos
			}
			l.r.add(at, "rule %s: action %s has no parameter %q: use one of %s", r.Ref, a.Ref, name, strings.Join(slices.Sorted(maps.Keys(a.Parameters)), ", "))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(a.Parameters)) {
		p := a.Parameters[name]
		if _, given := r.Action.Parameters[name]; p.Required && (!p.HasDefault || p.Default == nil) && !given {
			l.r.add(r.Action.Pos, "rule %s: action %s needs parameter %q: add it under action.parameters", r.Ref, a.Ref, name)
		}
	}
}

// resolveAction checks that ref names a loaded action.
func (l *loader) resolveAction(ref string, at Pos, what string) {
	if ref == "" {
		return
	}
	if _, ok := l.set.Action(ref); ok {
		return
	}
	l.unresolved(at, what, "action", ref, "check the name with `stormless action list`")
}

// unresolved reports a reference that does not resolve: an error when the
// referenced pack is loaded (or the ref is malformed), a warning when the
// pack is simply not among those loaded.
func (l *loader) unresolved(at Pos, what, kind, ref, hint string) {
	pack, _, ok := strings.Cut(ref, ".")
	if !ok || pack == "" {
		l.r.add(at, "%s: %s %q is not a ref: write it as pack.name", what, kind, ref)
		return
	}
	builtin := kind == "trigger type" && (pack == "core" || pack == "aws")
	if _, loaded := l.set.Pack(pack); loaded || builtin {
		l.r.add(at, "%s: %s %s does not exist in pack %s: %s", what, kind, ref, pack, hint)
		return
	}
	l.r.warn(at, "%s: %s %s is in pack %s, which is not loaded: add it with --packs to check it", what, kind, ref, pack)
}

func (l *loader) triggerHint(ref string) string {
	if strings.HasPrefix(ref, "core.") {
		return "built-in trigger types are listed by `stormless trigger list`"
	}
	return "declare it in a sensor's trigger_types or check the name with `stormless trigger list`"
}
