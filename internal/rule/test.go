package rule

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/stormless/stormless/internal/envelope"
	"github.com/stormless/stormless/internal/eventpattern"
)

// TestResult is the verdict of Test: the event pattern's, the trigger
// part's (source, detail-type, trigger parameters), and per criterion what
// decided it.
type TestResult struct {
	Result
	PatternMatch bool `json:"pattern_match"`
	TriggerMatch bool `json:"trigger_match"`
}

// Test matches an EventBridge event against a compiled rule as the engines
// do: the event pattern first, then the residual criteria on the payload.
// Every criterion is explained: those the pattern decides exactly (or
// rejected) are marked DecidedByPattern, the others DecidedByResidual. A
// malformed event is an error. c must come from Compile. Safe for concurrent
// use.
func Test(ctx context.Context, c *Compiled, event []byte, opts ...Option) (*TestResult, error) {
	ev, err := decodeJSON(event)
	if err != nil {
		return nil, fmt.Errorf("testing rule %s: decoding event: %w", c.Rule, err)
	}
	if _, ok := ev.(map[string]any); !ok {
		return nil, fmt.Errorf("testing rule %s: the event is not a JSON object", c.Rule)
	}
	tr := &TestResult{}
	pats, err := c.patterns()
	if err != nil {
		return nil, fmt.Errorf("testing rule %s: %w", c.Rule, err)
	}
	if tr.PatternMatch, err = pats.whole.Match(event); err != nil {
		return nil, fmt.Errorf("testing rule %s: %w", c.Rule, err)
	}
	if tr.TriggerMatch, err = pats.trigger.Match(event); err != nil {
		return nil, fmt.Errorf("testing rule %s: %w", c.Rule, err)
	}
	payload, _ := envelope.Payload(c.TriggerType, ev)
	e := &evaluator{ctx: ctx, s: newSettings(opts)}
	e.now = e.s.now()
	tr.Result = *e.rule(c.Criteria, payload)
	if err := c.decide(tr, pats, event); err != nil {
		return nil, err
	}
	return tr, nil
}

// decide marks what decided each criterion and computes the verdict.
func (c *Compiled) decide(tr *TestResult, pats *parsedPatterns, event []byte) error {
	residualOK := tr.Result.Reason == "" || len(c.Residual) == 0
	for i := range tr.Criteria {
		x := &tr.Criteria[i]
		x.DecidedBy = DecidedByResidual
		part, inPattern := pats.parts[i]
		if !inPattern {
			residualOK = residualOK && x.Match
			continue
		}
		ok, err := part.Match(event)
		if err != nil {
			return err
		}
		exact := !c.inResidual[i]
		if !ok || exact {
			x.DecidedBy, x.Match = DecidedByPattern, ok && (exact || x.Match)
		}
		if !exact {
			residualOK = residualOK && x.Match
		}
	}
	tr.Match = tr.PatternMatch && residualOK
	if tr.Result.Reason != "" && len(c.Residual) > 0 {
		tr.Match = false
	}
	return nil
}

// CheckResidual evaluates the residual criteria on a trigger payload whose
// event matched the pattern: the enforcement step's check. Together they
// give StackStorm's verdict.
func (c *Compiled) CheckResidual(ctx context.Context, payload any, opts ...Option) (*Result, error) {
	return Evaluate(ctx, c.Residual, payload, opts...)
}

// parsedPatterns are a compiled rule's patterns, parsed once.
type parsedPatterns struct {
	once    sync.Once
	err     error
	whole   *eventpattern.Pattern
	trigger *eventpattern.Pattern
	parts   map[int]*eventpattern.Pattern
}

func (c *Compiled) patterns() (*parsedPatterns, error) {
	p := c.parsed
	if p == nil {
		p = &parsedPatterns{} // not made by Compile: parse every time
	}
	p.once.Do(func() {
		if p.whole, p.err = parsePattern(c.EventPattern); p.err != nil {
			return
		}
		if p.trigger, p.err = parsePattern(c.triggerPart); p.err != nil {
			return
		}
		p.parts = map[int]*eventpattern.Pattern{}
		for i, m := range c.parts {
			if p.parts[i], p.err = parsePattern(m); p.err != nil {
				return
			}
		}
	})
	return p, p.err
}

func parsePattern(p map[string]any) (*eventpattern.Pattern, error) {
	data, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("encoding event pattern: %w", err)
	}
	pat, err := eventpattern.Parse(data, eventpattern.WithMaxPatternSize(len(data)+1))
	if err != nil {
		return nil, fmt.Errorf("parsing event pattern: %w", err)
	}
	return pat, nil
}

func matchPattern(p map[string]any, event []byte) (bool, error) {
	pat, err := parsePattern(p)
	if err != nil {
		return false, err
	}
	ok, err := pat.Match(event)
	if err != nil {
		return false, fmt.Errorf("matching event pattern: %w", err)
	}
	return ok, nil
}

// ErrNotTriggerInstance is returned by EventFromInstance for JSON that is
// neither an EventBridge event nor a StackStorm trigger instance.
var ErrNotTriggerInstance = errors.New("neither an EventBridge event (detail-type, detail) nor a StackStorm trigger instance (trigger, payload)")

// EventFromInstance turns a trigger instance into the event Test takes. A
// full EventBridge event (it has "detail-type" or "detail") is returned
// as is. StackStorm's {"trigger": REF, "payload": {...}} is wrapped in the
// envelope with the rule's own trigger parameters, so that, as with
// st2-rule-tester, only the trigger type is compared.
func EventFromInstance(data []byte, c *Compiled) ([]byte, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("reading trigger instance: %w", err)
	}
	if _, ok := m["detail-type"]; ok {
		return data, nil
	}
	if _, ok := m["detail"]; ok {
		return data, nil
	}
	var inst struct {
		Trigger string          `json:"trigger"`
		Payload json.RawMessage `json:"payload"`
	}
	if err := json.Unmarshal(data, &inst); err != nil || inst.Trigger == "" {
		return nil, ErrNotTriggerInstance
	}
	payload, err := decodeJSON(orNull(inst.Payload))
	if err != nil {
		return nil, fmt.Errorf("reading trigger instance payload: %w", err)
	}
	out, err := json.Marshal(envelope.New(inst.Trigger, c.TriggerParameters, publicJSON(payload)))
	if err != nil {
		return nil, fmt.Errorf("building the event envelope: %w", err)
	}
	return out, nil
}

func orNull(b []byte) []byte {
	if len(b) == 0 {
		return []byte("null")
	}
	return b
}

// Match reports whether an event fires the rule as the engines decide it:
// the event pattern, then the residual criteria on the payload. It is Test
// without the explanations. A malformed event is an error. c must come
// from Compile. Safe for concurrent use.
func (c *Compiled) Match(ctx context.Context, event []byte, opts ...Option) (bool, error) {
	pats, err := c.patterns()
	if err != nil {
		return false, fmt.Errorf("matching rule %s: %w", c.Rule, err)
	}
	ok, err := pats.whole.Match(event)
	if err != nil || !ok {
		return false, err
	}
	if len(c.Residual) == 0 {
		return true, nil
	}
	ev, err := decodeJSON(event)
	if err != nil {
		return false, fmt.Errorf("matching rule %s: decoding event: %w", c.Rule, err)
	}
	payload, _ := envelope.Payload(c.TriggerType, ev)
	res, err := c.CheckResidual(ctx, payload, opts...)
	if err != nil {
		return false, fmt.Errorf("matching rule %s: %w", c.Rule, err)
	}
	return res.Match, nil
}
