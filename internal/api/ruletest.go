package api

import (
	"encoding/json"
	"net/http"

	"github.com/stormless/stormless/internal/enforce"
	"github.com/stormless/stormless/internal/rule"
)

// ruleTestView is the answer of POST /api/v1/rules/{ref}/test: what
// `stormless rule test` prints, as JSON: the verdict, the event pattern's
// and the trigger's, and per criterion the value found, the verdict and
// whether the pattern or the residual check decided it; Event is the
// EventBridge event the instance was tested as.
type ruleTestView struct {
	Rule        string `json:"rule"`
	TriggerType string `json:"trigger_type"`
	*rule.TestResult
	Event json.RawMessage `json:"event"`
}

// testRule serves POST /api/v1/rules/{ref}/test. The body is a trigger
// instance: StackStorm's {"trigger": REF, "payload": {...}} (a record of
// /api/v1/triggerinstances is one) or a whole EventBridge event. The rule
// is matched as the engines match it: the pattern, then the residual
// criteria, with st2kv lookups served by the datastore. It answers 200
// whether or not the rule matches; 400 for a body that is no trigger
// instance, 404 for an unknown rule. Nothing is recorded or run.
func (h *Handler) testRule(w http.ResponseWriter, r *http.Request) {
	ref := r.PathValue("ref")
	rl, ok := h.engine.Packs().Rule(ref)
	if !ok {
		writeFault(w, http.StatusNotFound, "rule "+ref+" not found")
		return
	}
	body, err := readBody(r)
	if err == nil && !json.Valid(body) {
		err = badRequest("malformed JSON body: the trigger instance must be a JSON object")
	}
	if err != nil {
		writeError(w, err)
		return
	}
	c, err := rule.Compile(rl)
	if err != nil {
		writeError(w, errorf("compiling rule %s: %w", ref, err))
		return
	}
	event, err := rule.EventFromInstance(body, c)
	if err != nil {
		writeError(w, badRequest("reading the trigger instance: %v", err))
		return
	}
	res, err := rule.Test(r.Context(), c, event, rule.WithDatastore(enforce.CriteriaDatastore(h.kv)))
	if err != nil {
		writeError(w, badRequest("testing the trigger instance: %v", err))
		return
	}
	writeJSON(w, http.StatusOK, ruleTestView{Rule: ref, TriggerType: c.TriggerType, TestResult: res, Event: event})
}
