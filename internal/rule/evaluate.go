package rule

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Decider names what decided a criterion's verdict in Test.
const (
	DecidedByPattern  = "pattern"
	DecidedByResidual = "residual"
)

// Explanation tells how one criterion fared: the value found under its key
// (Found false when absent or null), the operator and the rendered
// pattern, the verdict, and the error that forced "no match", if any.
type Explanation struct {
	Key       string `json:"key"`
	Type      string `json:"type"`
	Pattern   any    `json:"pattern"`
	Value     any    `json:"value"`
	Found     bool   `json:"found"`
	Match     bool   `json:"match"`
	Error     string `json:"error,omitempty"`
	DecidedBy string `json:"decided_by,omitempty"`
}

// Result is the verdict on a trigger instance and why.
type Result struct {
	Match bool `json:"match"`
	// Reason explains a verdict reached before any criterion was looked at.
	Reason   string        `json:"reason,omitempty"`
	Criteria []Explanation `json:"criteria"`
}

// Evaluate applies criteria to a trigger payload with StackStorm's exact
// semantics (st2reactor's RuleFilter): every criterion must match; a rule
// with criteria never matches an empty payload. Each criterion's
// explanation is returned, not only up to the first failure. The error is
// non-nil only when payload holds values JSON cannot. Safe for concurrent
// use.
func Evaluate(ctx context.Context, criteria []Criterion, payload any, opts ...Option) (*Result, error) {
	p, err := normalize(payload)
	if err != nil {
		return nil, fmt.Errorf("evaluating criteria: %w", err)
	}
	ev := &evaluator{ctx: ctx, s: newSettings(opts)}
	ev.now = ev.s.now()
	return ev.rule(criteria, p), nil
}

type evaluator struct {
	ctx context.Context
	s   *settings
	now time.Time
}

func (ev *evaluator) rule(criteria []Criterion, payload any) *Result {
	res := &Result{Match: true, Criteria: []Explanation{}}
	if len(criteria) > 0 && !pyTruthy(payload) {
		res.Match = false
		res.Reason = "the rule has criteria and the trigger payload is empty"
		return res
	}
	vars := map[string]any{"trigger": payload}
	for _, c := range criteria {
		x := ev.criterion(c, vars)
		res.Match = res.Match && x.Match
		res.Criteria = append(res.Criteria, x)
	}
	return res
}

// criterion checks one criterion against the roots in vars ("trigger", or
// "item" inside search).
func (ev *evaluator) criterion(c Criterion, vars map[string]any) Explanation {
	x := Explanation{Key: c.Key, Type: c.Type, Pattern: c.Pattern}
	ok, err := ev.check(c, vars, &x)
	x.Match = ok && err == nil
	if err != nil {
		x.Error = err.Error()
	}
	return x
}

func (ev *evaluator) check(c Criterion, vars map[string]any, x *Explanation) (bool, error) {
	if c.Type == "" {
		return false, errors.New("criterion has no type")
	}
	raw, err := normalize(c.Pattern)
	if err != nil {
		return false, err
	}
	pattern, err := renderPattern(ev.ctx, raw, vars, ev.s.store)
	if err != nil {
		return false, err
	}
	x.Pattern = pattern
	value, err := lookupValue(c.Key, vars)
	if err != nil {
		return false, err
	}
	x.Value, x.Found = value, value != nil
	return ev.apply(c, value, pattern)
}

// apply runs the operator; search needs the evaluator for its children.
func (ev *evaluator) apply(c Criterion, value, pattern any) (bool, error) {
	name, ok := CanonicalOperator(c.Type)
	if !ok {
		return false, fmt.Errorf("%w: %s", ErrUnknownOperator, pyLower(c.Type))
	}
	if name == OpSearch {
		if c.Type != OpSearch {
			return false, typeErrorf("search() missing required arguments: StackStorm only passes them when the type is spelled \"search\"")
		}
		return ev.search(value, pattern, c.Condition)
	}
	return operators[name](value, pattern, ev.now)
}

// lookupValue finds the value a criteria key names, or nil.
func lookupValue(key string, vars map[string]any) (any, error) {
	path, err := parseKey(stripSuffix(key))
	if err != nil {
		return nil, err
	}
	root, ok := vars[path[0].field]
	if !ok || path[0].wildcard || path[0].slice || path[0].isIndex {
		return nil, rootError(key, path[0].field)
	}
	found, err := path[1:].lookup(root)
	if err != nil || len(found) == 0 {
		return nil, err
	}
	return found[0], nil
}

// rootError explains keys outside the payload: StackStorm's lookup context
// also holds the datastore ("st2kv", "system"), which Stormless does not
// expose to keys; any other root finds nothing.
func rootError(key, root string) error {
	switch root {
	case "st2kv", "system":
		return &KeyError{Key: key, Reason: "criteria keys over the datastore are not supported; put the datastore value in the pattern"}
	}
	return nil
}

// applyOperator applies a named operator to a value and a pattern as
// StackStorm's operator functions do (no rendering, no search).
func applyOperator(op string, value, pattern any, now time.Time) (bool, error) {
	v, err := normalize(value)
	if err != nil {
		return false, err
	}
	p, err := normalize(pattern)
	if err != nil {
		return false, err
	}
	name, ok := CanonicalOperator(op)
	if !ok || name == OpSearch {
		return false, fmt.Errorf("%w: %s", ErrUnknownOperator, pyLower(op))
	}
	return operators[name](v, p, now)
}
