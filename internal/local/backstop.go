package local

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/rule"
	"github.com/stormless/stormless/internal/runner"
)

// backstopRule is the rule type of StackStorm's backstop rules: they fire
// only for trigger instances no standard rule matches.
const backstopRule = "backstop"

// isBackstop reports whether rule ref is a backstop rule.
func (e *Engine) isBackstop(ref string) bool {
	r, ok := e.catalog.PackRule(ref)
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
	for _, ref := range standard {
		cr, err := e.catalog.Rule(ref)
		if err != nil {
			continue
		}
		if res, err := cr.CheckResidual(ctx, payload, rule.WithDatastore(kvLookup{e.datastore})); err == nil && res.Match {
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

// kvLookup serves criteria's st2kv.system lookups from the datastore.
type kvLookup struct{ ds runner.Datastore }

// Lookup implements rule.Datastore.
func (k kvLookup) Lookup(ctx context.Context, key string) (string, bool, error) {
	v, err := k.ds.Get(ctx, runner.ScopeSystem, key, false)
	if errors.Is(err, runner.ErrKeyNotFound) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("looking up %s: %w", key, err)
	}
	return v, true, nil
}
