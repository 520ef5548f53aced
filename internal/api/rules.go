package api

import (
	"encoding/json"
	"net/http"

	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/rule"
)

// ruleView is a rule in StackStorm's RuleAPI shape, plus what it compiles
// to: the EventBridge event pattern and the residual criteria.
type ruleView struct {
	*pack.Rule
	ID           string           `json:"id"`
	UID          string           `json:"uid"`
	Criteria     map[string]any   `json:"criteria,omitempty"`
	EventPattern json.RawMessage  `json:"event_pattern,omitempty"`
	Residual     []rule.Criterion `json:"residual,omitempty"`
	Exact        bool             `json:"exact,omitempty"`
	CompileError string           `json:"compile_error,omitempty"`
}

// newRuleView returns r's API form with its compilation.
func newRuleView(r *pack.Rule) ruleView {
	v := ruleView{Rule: r, ID: r.Ref, UID: "rule:" + r.Pack + ":" + r.Name, Criteria: criteriaMap(r.Criteria)}
	c, err := rule.Compile(r)
	if err != nil {
		v.CompileError = err.Error()
		return v
	}
	if v.EventPattern, err = c.PatternJSON(); err != nil {
		v.CompileError = err.Error()
		return v
	}
	v.Residual, v.Exact = c.Residual, c.Exact
	return v
}

// listRules serves GET /api/v1/rules, optionally filtered by pack, enabled
// and trigger type (trigger_type).
func (h *Handler) listRules(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	views := []ruleView{}
	for _, rl := range h.engine.Packs().Rules() {
		if keepRule(rl, q.Get("pack"), q.Get("trigger_type"), q.Get("enabled")) {
			views = append(views, newRuleView(rl))
		}
	}
	writeJSON(w, http.StatusOK, views)
}

// keepRule reports whether rl passes the listing's filters.
func keepRule(rl *pack.Rule, packRef, triggerType, enabled string) bool {
	switch {
	case packRef != "" && rl.Pack != packRef:
		return false
	case triggerType != "" && rl.Trigger.Type != triggerType:
		return false
	case enabled == "true" && !rl.Enabled, enabled == "false" && rl.Enabled:
		return false
	}
	return true
}

// getRule serves GET /api/v1/rules/{ref}.
func (h *Handler) getRule(w http.ResponseWriter, r *http.Request) {
	rl, ok := h.engine.Packs().Rule(r.PathValue("ref"))
	if !ok {
		writeFault(w, http.StatusNotFound, "rule "+r.PathValue("ref")+" not found")
		return
	}
	writeJSON(w, http.StatusOK, newRuleView(rl))
}

// criteriaMap returns criteria in StackStorm's form: key -> {type, pattern}.
func criteriaMap(cs []pack.Criterion) map[string]any {
	if len(cs) == 0 {
		return nil
	}
	m := make(map[string]any, len(cs))
	for _, c := range cs {
		m[c.Key] = c
	}
	return m
}
