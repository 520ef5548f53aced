package client

import (
	"cmp"
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/sensor"
)

// Action is an action as the API shows it: its metadata with the runner's
// parameters merged in, and its id (the ref) and uid.
type Action struct {
	pack.Action
	ID  string `json:"id"`
	UID string `json:"uid"`
}

// fill restores what the JSON form leaves out: each parameter's name, and
// whether it has a default.
func (a *Action) fill() {
	for name, p := range a.Parameters {
		if p == nil {
			p = &pack.Param{}
			a.Parameters[name] = p
		}
		p.Name = name
		p.HasDefault = p.Default != nil
	}
}

// Actions lists the actions, sorted by ref; only those of packRef when it
// is not empty.
func (c *Client) Actions(ctx context.Context, packRef string) ([]Action, error) {
	var out []Action
	if _, err := c.get(ctx, apiPath("actions"), optional("pack", packRef), &out); err != nil {
		return nil, err
	}
	for i := range out {
		out[i].fill()
	}
	return out, nil
}

// Action returns action ref; a 404 *Error when there is none.
func (c *Client) Action(ctx context.Context, ref string) (Action, error) {
	var a Action
	_, err := c.get(ctx, apiPath("actions", ref), nil, &a)
	a.fill()
	return a, err
}

// Rule is a rule as the API shows it, with what it compiles to: the
// EventBridge pattern and the residual criteria (or the compile error).
type Rule struct {
	pack.Rule
	ID  string `json:"id"`
	UID string `json:"uid"`
	// CriteriaMap is the criteria in StackStorm's form, key -> criterion;
	// Rule.Criteria holds them sorted by key.
	CriteriaMap  map[string]pack.Criterion `json:"criteria,omitempty"`
	EventPattern json.RawMessage           `json:"event_pattern,omitempty"`
	Residual     json.RawMessage           `json:"residual,omitempty"`
	Exact        bool                      `json:"exact,omitempty"`
	CompileError string                    `json:"compile_error,omitempty"`
}

// fill sets Rule.Criteria from CriteriaMap, sorted by key.
func (r *Rule) fill() {
	r.Criteria = nil
	for _, k := range slices.Sorted(maps.Keys(r.CriteriaMap)) {
		cr := r.CriteriaMap[k]
		cr.Key = cmp.Or(cr.Key, k)
		r.Criteria = append(r.Criteria, cr)
	}
}

// RuleFilter narrows Rules; zero fields do not filter.
type RuleFilter struct {
	Pack        string
	TriggerType string
	// Enabled, when not nil, keeps only enabled (true) or disabled rules.
	Enabled *bool
}

// Rules lists the rules that pass f, sorted by ref.
func (c *Client) Rules(ctx context.Context, f RuleFilter) ([]Rule, error) {
	q := optional("pack", f.Pack, "trigger_type", f.TriggerType)
	if f.Enabled != nil {
		q.Set("enabled", strconv.FormatBool(*f.Enabled))
	}
	var out []Rule
	if _, err := c.get(ctx, apiPath("rules"), q, &out); err != nil {
		return nil, err
	}
	for i := range out {
		out[i].fill()
	}
	return out, nil
}

// Rule returns rule ref; a 404 *Error when there is none.
func (c *Client) Rule(ctx context.Context, ref string) (Rule, error) {
	var r Rule
	_, err := c.get(ctx, apiPath("rules", ref), nil, &r)
	r.fill()
	return r, err
}

// TriggerType is a trigger type as the API shows it.
type TriggerType struct {
	pack.TriggerType
	ID  string `json:"id"`
	UID string `json:"uid"`
}

// TriggerTypes lists the trigger types (built-ins included), sorted by
// ref; only those of packRef when it is not empty.
func (c *Client) TriggerTypes(ctx context.Context, packRef string) ([]TriggerType, error) {
	return getJSON[[]TriggerType](ctx, c, apiPath("triggertypes"), optional("pack", packRef))
}

// TriggerType returns trigger type ref; a 404 *Error when there is none.
func (c *Client) TriggerType(ctx context.Context, ref string) (TriggerType, error) {
	return getJSON[TriggerType](ctx, c, apiPath("triggertypes", ref), nil)
}

// Pack is a pack's metadata as the API shows it (its resources are listed
// by their own endpoints).
type Pack struct {
	pack.Pack
	ID  string `json:"id"`
	UID string `json:"uid"`
}

// Packs lists the loaded packs, sorted by ref.
func (c *Client) Packs(ctx context.Context) ([]Pack, error) {
	return getJSON[[]Pack](ctx, c, apiPath("packs"), nil)
}

// Pack returns pack ref; a 404 *Error when there is none.
func (c *Client) Pack(ctx context.Context, ref string) (Pack, error) {
	return getJSON[Pack](ctx, c, apiPath("packs", ref), nil)
}

// SensorTypes lists the sensors the server runs, with each one's state
// (running, failing, failed, disabled, idle), sorted by ref; only those of
// packRef when it is not empty. A server that runs no sensors answers 404.
func (c *Client) SensorTypes(ctx context.Context, packRef string) ([]sensor.Type, error) {
	return getJSON[[]sensor.Type](ctx, c, apiPath("sensortypes"), optional("pack", packRef))
}

// optional returns the query of the name, value pairs whose value is not
// empty.
func optional(pairs ...string) url.Values {
	q := url.Values{}
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] != "" {
			q.Set(pairs[i], pairs[i+1])
		}
	}
	return q
}

// ReloadPacks asks the server to load and compile its packs again and
// returns the refs of the packs it then serves. Packs with problems are a
// 400 *Error whose Fault lists them, and the server keeps its packs; a
// server that cannot reload answers 501.
func (c *Client) ReloadPacks(ctx context.Context) ([]string, error) {
	var out struct {
		Packs []string `json:"packs"`
	}
	_, err := c.do(ctx, request{method: http.MethodPost, path: apiPath("packs", "reload")}, &out)
	return out.Packs, err
}
