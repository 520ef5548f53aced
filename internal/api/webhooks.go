package api

import (
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/stormless/stormless/internal/bus"
)

// WebhookTrigger is the trigger type of webhooks: rules on it with
// parameters {url: X} fire on POST /api/v1/webhooks/X.
const WebhookTrigger = "core.st2.webhook"

// webhookAccepted is the answer to an accepted webhook.
type webhookAccepted struct {
	Trigger           string `json:"trigger"`
	TriggerInstanceID string `json:"trigger_instance_id"`
}

// genericWebhook is the body of POST /api/v1/webhooks/st2.
type genericWebhook struct {
	Trigger  string          `json:"trigger"`
	Payload  json.RawMessage `json:"payload"`
	TraceTag string          `json:"trace_tag"`
}

// postWebhook serves POST /api/v1/webhooks/{url}: when an enabled rule
// listens to core.st2.webhook with that url, it publishes a trigger instance
// with payload {headers, body} and answers 202 with its id; else 404.
func (h *Handler) postWebhook(w http.ResponseWriter, r *http.Request) {
	hook := strings.Trim(r.PathValue("url"), "/")
	if !h.hooks.known(h.engine.Packs(), hook) {
		writeFault(w, http.StatusNotFound, "no rule listens to webhook "+hook)
		return
	}
	raw, err := readBody(r)
	if err != nil {
		writeError(w, err)
		return
	}
	if err := h.checkSignature(r.Context(), r, hook, raw); err != nil {
		writeSignatureError(w, err)
		return
	}
	body, err := webhookBody(r, raw)
	if err != nil {
		writeError(w, err)
		return
	}
	payload := map[string]any{"headers": webhookHeaders(r.Header), "body": body}
	ev, err := bus.NewEvent(WebhookTrigger, map[string]any{"url": hook}, payload)
	h.publish(w, r, ev, err)
}

// writeSignatureError answers a refused signature: 401 when there is
// none, 403 when it does not match, 500 when the secret cannot be read.
func writeSignatureError(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, errUnsigned):
		writeFault(w, http.StatusUnauthorized, err.Error())
	case errors.Is(err, errBadSignature):
		writeFault(w, http.StatusForbidden, err.Error())
	default:
		writeError(w, err)
	}
}

// webhookBody decodes the body b by its content type, as StackStorm does:
// JSON (the default), form fields, or any other type as text.
func webhookBody(r *http.Request, b []byte) (any, error) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case ct == "" || ct == "application/json" || strings.HasSuffix(ct, "+json"):
		if len(b) == 0 {
			return map[string]any{}, nil
		}
		return jsonBody(b)
	case ct == "application/x-www-form-urlencoded":
		return formBody(b)
	default:
		return string(b), nil
	}
}

// formBody decodes a URL-encoded form into field -> value (first value).
func formBody(b []byte) (map[string]any, error) {
	vals, err := url.ParseQuery(string(b))
	if err != nil {
		return nil, badRequest("malformed form body: %v", err)
	}
	m := make(map[string]any, len(vals))
	for k, v := range vals {
		m[k] = v[0]
	}
	return m, nil
}

// credentialHeaders are request headers never passed on in a payload.
var credentialHeaders = map[string]bool{"Authorization": true, "Cookie": true, "St2-Api-Key": true, "X-Auth-Token": true}

// webhookHeaders returns the request's headers, one value each (the first),
// without the credentials in credentialHeaders.
func webhookHeaders(hd http.Header) map[string]any {
	m := make(map[string]any, len(hd))
	for k, v := range hd {
		if len(v) > 0 && !credentialHeaders[http.CanonicalHeaderKey(k)] {
			m[k] = v[0]
		}
	}
	return m
}

// postGenericWebhook serves POST /api/v1/webhooks/st2: {trigger, payload}
// publishes a trigger instance of that trigger type (400 when unknown).
func (h *Handler) postGenericWebhook(w http.ResponseWriter, r *http.Request) {
	raw, err := readBody(r)
	if err != nil {
		writeError(w, err)
		return
	}
	if err := h.checkSignature(r.Context(), r, genericWebhookSecretName, raw); err != nil {
		writeSignatureError(w, err)
		return
	}
	var req genericWebhook
	if err := decodeJSON(raw, &req); err != nil {
		writeError(w, err)
		return
	}
	if req.Trigger == "" {
		writeError(w, badRequest("trigger is required"))
		return
	}
	if _, ok := h.engine.Packs().TriggerType(req.Trigger); !ok {
		writeError(w, badRequest("trigger type %q not found", req.Trigger))
		return
	}
	var opts []bus.EventOption
	if req.TraceTag != "" {
		opts = append(opts, bus.WithTraceTag(req.TraceTag))
	}
	ev, err := bus.NewEvent(req.Trigger, nil, payloadOrEmpty(req.Payload), opts...)
	h.publish(w, r, ev, err)
}

// payloadOrEmpty returns p, or an empty object when p is absent or null.
func payloadOrEmpty(p json.RawMessage) json.RawMessage {
	if len(p) == 0 || string(p) == "null" {
		return json.RawMessage("{}")
	}
	return p
}

// publish publishes ev (built with err) and answers 202 with its trigger
// instance id.
func (h *Handler) publish(w http.ResponseWriter, r *http.Request, ev bus.Event, err error) {
	if err != nil {
		writeError(w, badRequest("building trigger instance: %v", err))
		return
	}
	id, err := triggerInstanceID(ev)
	if err != nil {
		writeError(w, err)
		return
	}
	if err := h.engine.Publish(r.Context(), ev); err != nil {
		writeError(w, errorf("publishing %s: %w", ev.DetailType, err))
		return
	}
	writeJSON(w, http.StatusAccepted, webhookAccepted{Trigger: ev.DetailType, TriggerInstanceID: id})
}
