package enforce

import (
	"encoding/json"
	"math"
	"sync"

	"github.com/stormless/stormless/internal/pack"
)

// StackStorm's action policy types.
const (
	PolicyConcurrency     = "action.concurrency"
	PolicyConcurrencyAttr = "action.concurrency.attr"
	PolicyRetry           = "action.retry"
)

// Policies are the enabled policies of one action.
type Policies struct {
	Concurrency *Concurrency
	Retry       *Retry
}

// Concurrency is action.concurrency (and .attr): at most Threshold
// executions run at once (per distinct value of Attributes, when given);
// beyond it a new one is delayed until one ends, or canceled when Cancel.
type Concurrency struct {
	Threshold  int
	Cancel     bool
	Attributes []string
}

// Retry is action.retry: an execution that ends failed (or timeout, when
// OnTimeout) runs again, up to Max times, after Delay seconds.
type Retry struct {
	OnTimeout bool
	Max       int
	Delay     float64
}

// policiesOf collects the enabled policies of every action in set.
func policiesOf(set *pack.Set) map[string]*Policies {
	out := map[string]*Policies{}
	for _, p := range set.Packs() {
		for _, pol := range p.Policies {
			if pol.Enabled {
				addPolicy(out, pol)
			}
		}
	}
	return out
}

func addPolicy(out map[string]*Policies, pol *pack.Policy) {
	ps := out[pol.ResourceRef]
	if ps == nil {
		ps = &Policies{}
		out[pol.ResourceRef] = ps
	}
	params := pol.Parameters
	switch pol.PolicyType {
	case PolicyConcurrency, PolicyConcurrencyAttr:
		ps.Concurrency = &Concurrency{Threshold: toInt(params["threshold"], 1), Cancel: params["action"] == "cancel", Attributes: toStrings(params["attributes"])}
	case PolicyRetry:
		ps.Retry = &Retry{OnTimeout: params["retry_on"] == "timeout", Max: toInt(params["max_retry_count"], 2), Delay: toFloat(params["delay"])}
	}
}

func toFloat(v any) float64 {
	switch n := v.(type) {
	case int:
		return float64(n)
	case int64:
		return float64(n)
	case float64:
		return n
	case json.Number:
		f, _ := n.Float64()
		return f
	}
	return 0
}

func toInt(v any, def int) int {
	if v == nil {
		return def
	}
	return int(math.Round(toFloat(v)))
}

func toStrings(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// key is the concurrency slot an execution with params takes.
func (c *Concurrency) key(ref string, params map[string]any) string {
	if len(c.Attributes) == 0 {
		return ref
	}
	vals := make([]any, len(c.Attributes))
	for i, a := range c.Attributes {
		vals[i] = params[a]
	}
	b, _ := json.Marshal(vals)
	return ref + "\x00" + string(b)
}

// slots counts running executions per concurrency key. It is in memory:
// it holds for one process (the local engine); on AWS the enforcer needs a
// shared counter. Safe for concurrent use.
type slots struct {
	mu sync.Mutex
	n  map[string]int
}

// acquire takes a slot under key unless max are taken.
func (s *slots) acquire(key string, max int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.n == nil {
		s.n = map[string]int{}
	}
	if s.n[key] >= max {
		return false
	}
	s.n[key]++
	return true
}

// release gives a slot back.
func (s *slots) release(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.n[key]--; s.n[key] <= 0 {
		delete(s.n, key)
	}
}
