package param

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/schema"
)

// Spec is one action's parameters, compiled: their specs (runner
// parameters merged in, as pack.Load gives them) and the schema values are
// validated against. It is immutable and safe for concurrent use.
type Spec struct {
	params map[string]*pack.Param
	schema *schema.Schema
	// raw is the parameters object as written, for masking.
	raw map[string]any
}

// Compile compiles an action's parameter specs. It fails when a parameter's
// schema is not valid JSON Schema.
func Compile(params map[string]*pack.Param) (*Spec, error) {
	s, err := compileSchema(params)
	if err != nil {
		return nil, err
	}
	raw := make(map[string]any, len(params))
	for name, p := range params {
		m := maps.Clone(p.Schema)
		if m == nil {
			m = map[string]any{}
		}
		if p.Secret {
			m["secret"] = true
		}
		raw[name] = m
	}
	return &Spec{params: params, schema: s, raw: raw}, nil
}

// Resolve returns the parameters the runner receives, given those a rule,
// user or task supplied: it refuses overrides of immutable parameters,
// renders templates in given values with c, fills in defaults (rendered
// with c and the other parameters), casts values to their types and
// validates the result. given is not modified. Errors are *Error naming the
// parameter (or wrap one), except datastore failures.
func (s *Spec) Resolve(ctx context.Context, given map[string]any, c Context) (map[string]any, error) {
	if err := s.checkImmutable(given); err != nil {
		return nil, err
	}
	vars, err := s.baseVars(ctx, given, c)
	if err != nil {
		return nil, err
	}
	out, err := s.renderGiven(given, vars)
	if err != nil {
		return nil, err
	}
	// Cast before defaults render, so a default such as "seq {{ count }}"
	// sees the integer 3, not the JSON number 3.0.
	s.castAll(out)
	deferred, late, err := s.fillDefaults(out, vars)
	if err != nil {
		return nil, err
	}
	s.castAll(out)
	if err := validate(s.schema, out, late); err != nil {
		return nil, s.redact(err, out)
	}
	if deferred != nil {
		return nil, deferred
	}
	return out, nil
}

// checkImmutable refuses a given value for an immutable parameter that has
// a default, as StackStorm does.
func (s *Spec) checkImmutable(given map[string]any) error {
	for _, name := range slices.Sorted(maps.Keys(given)) {
		if p, ok := s.params[name]; ok && p.Immutable && p.HasDefault {
			return &Error{Name: name, Reason: "is immutable and cannot be overridden"}
		}
	}
	return nil
}

// baseVars are the template variables every parameter sees.
func (s *Spec) baseVars(ctx context.Context, given map[string]any, c Context) (map[string]any, error) {
	srcs := templateSources(given, nil)
	for _, p := range s.params {
		srcs = templateSources(p.Default, srcs)
	}
	kv, err := kvVars(ctx, c, srcs)
	if err != nil {
		return nil, fmt.Errorf("rendering parameters: %w", err)
	}
	vars := map[string]any{"st2kv": kv, "config_context": orEmpty(c.Config), "action_context": orEmpty(c.Action)}
	if c.Trigger != nil {
		vars["trigger"] = c.Trigger
	}
	return vars, nil
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// renderGiven renders the given values; whole-expression templates keep
// their type unless the parameter is a string.
func (s *Spec) renderGiven(given map[string]any, vars map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(given)+len(s.params))
	for name, v := range given {
		r, err := renderAny(v, vars, s.keepType(name))
		if err != nil {
			return nil, &Error{Name: name, Reason: "cannot be rendered", Err: err}
		}
		out[name] = r
	}
	return out, nil
}

// castAll casts each value of out to its parameter's type, in place.
func (s *Spec) castAll(out map[string]any) {
	for name, v := range out {
		if p, ok := s.params[name]; ok {
			out[name] = cast(typeOf(p.Type), v)
		}
	}
}

func (s *Spec) keepType(name string) bool {
	p, ok := s.params[name]
	return !ok || typeOf(p.Type) != "string"
}

// fillDefaults adds the default of every parameter not given, rendering
// templates with the parameters resolved so far; a default that names a
// parameter not yet resolved waits for it. A default that still cannot be
// rendered is returned as deferred, so that validation (a missing required
// parameter) is reported first.
func (s *Spec) fillDefaults(out map[string]any, base map[string]any) (deferred error, late map[string]bool, err error) {
	pending := s.pendingDefaults(out)
	for len(pending) > 0 {
		progress, lastErr := false, error(nil)
		for _, name := range slices.Sorted(maps.Keys(pending)) {
			v, err := renderAny(pending[name], s.defaultVars(out, base), s.keepType(name))
			if errUndefined(err) {
				lastErr = &Error{Name: name, Reason: "has a default that cannot be rendered", Err: err}
				continue
			}
			if err != nil {
				return nil, nil, &Error{Name: name, Reason: "has a default that cannot be rendered", Err: err}
			}
			out[name], progress = v, true
			delete(pending, name)
		}
		if !progress {
			late = map[string]bool{}
			for name := range pending {
				late[name] = true
			}
			return lastErr, late, nil
		}
	}
	return nil, nil, nil
}

func (s *Spec) pendingDefaults(out map[string]any) map[string]any {
	pending := map[string]any{}
	for name, p := range s.params {
		if _, given := out[name]; !given && p.HasDefault && p.Default != nil {
			pending[name] = p.Default
		}
	}
	return pending
}

func (s *Spec) defaultVars(out, base map[string]any) map[string]any {
	vars := maps.Clone(base)
	maps.Copy(vars, out)
	return vars
}

// Mask returns a copy of params with every secret value replaced by
// "********", nested secrets included: what records store and print.
func (s *Spec) Mask(params map[string]any) map[string]any {
	return execution.MaskSecrets(params, s.raw)
}

// Secret reports whether name is a secret parameter.
func (s *Spec) Secret(name string) bool {
	p, ok := s.params[name]
	return ok && p.Secret
}

// redact hides the values of secret parameters in a validation error's
// reason (a schema message may quote the value at fault).
func (s *Spec) redact(err error, params map[string]any) error {
	var pe *Error
	if !errors.As(err, &pe) {
		return err
	}
	for name, v := range params {
		if str, ok := v.(string); ok && str != "" && s.Secret(name) {
			pe.Reason = strings.ReplaceAll(pe.Reason, str, execution.Masked)
		}
	}
	return err
}
