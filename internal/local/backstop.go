package local

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/enforce"
	"github.com/stormless/stormless/internal/rule"
)

// backstopRule is the rule type of StackStorm's backstop rules: they fire
// only for trigger instances no standard rule matches.
const backstopRule = "backstop"

// isBackstop reports whether rule ref is a backstop rule.
func (e *Engine) isBackstop(ref string) bool {
	r, ok := e.current().catalog.PackRule(ref)
	return ok && r.Type != nil && r.Type["ref"] == backstopRule
}

// applyBackstops returns the rules to enforce among those whose patterns
// matched: backstop rules are dropped when a standard rule's criteria hold
// for the event.
func (e *Engine) applyBackstops(ctx context.Context, ev bus.Event, rules []string) []string {
	var standard []string
	for _, ref := range rules {
		if !e.isBackstop(ref) {
			standard = append(standard, ref)
		}
	}
	if len(standard) == len(rules) || len(standard) == 0 {
		return rules
	}
	payload, err := eventPayload(ev)
	if err != nil {
		return rules
	}
	catalog := e.current().catalog
	for _, ref := range standard {
		cr, err := catalog.Rule(ref)
		if err != nil {
			continue
		}
		if res, err := cr.CheckResidual(ctx, payload, rule.WithDatastore(enforce.CriteriaDatastore(e.datastore))); err == nil && res.Match {
			return standard
		}
	}
	return rules
}

// eventPayload is the trigger payload criteria see: the detail's payload,
// or the whole event for an AWS service event.
func eventPayload(ev bus.Event) (any, error) {
	raw := json.RawMessage(nil)
	if d, err := ev.TriggerDetail(); err == nil && d.ID != "" {
		raw = d.Payload
	} else if b, err := json.Marshal(ev); err == nil {
		raw = b
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, fmt.Errorf("decoding payload of %s: %w", ev.ID, err)
	}
	return v, nil
}
