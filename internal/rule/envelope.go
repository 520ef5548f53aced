package rule

import "strings"

// AWSEventsTrigger is the trigger type of rules over AWS service events on
// the default bus: their criteria apply to the whole event.
const AWSEventsTrigger = "aws.events"

// SourcePrefix starts the source of every Stormless trigger event; the
// pack of the trigger type follows.
const SourcePrefix = "stormless."

// isAWSEvents reports whether criteria of a rule on this trigger type
// address the whole event rather than detail.payload.
func isAWSEvents(triggerType string) bool { return triggerType == AWSEventsTrigger }

// triggerPack is the pack part of a trigger type ref ("core" for
// "core.st2.webhook").
func triggerPack(ref string) string {
	p, _, _ := strings.Cut(ref, ".")
	return p
}

// Envelope returns the EventBridge event (DESIGN.md "The event envelope")
// that carries a trigger instance: source "stormless.<pack>", detail-type
// the trigger type, detail.trigger the type and parameters, detail.payload
// the payload. For aws.events the payload is the event itself.
func Envelope(triggerType string, parameters map[string]any, payload any) map[string]any {
	if isAWSEvents(triggerType) {
		if m, ok := payload.(map[string]any); ok {
			return m
		}
	}
	if parameters == nil {
		parameters = map[string]any{}
	}
	return map[string]any{
		"version":     "0",
		"id":          "00000000-0000-0000-0000-000000000000",
		"source":      SourcePrefix + triggerPack(triggerType),
		"detail-type": triggerType,
		"time":        "1970-01-01T00:00:00Z",
		"region":      "local",
		"account":     "000000000000",
		"resources":   []any{},
		"detail": map[string]any{
			"trigger": map[string]any{"type": triggerType, "parameters": parameters},
			"payload": payload,
		},
	}
}

// payloadOf extracts the trigger payload from an event decoded into the
// value model; found is false when the event holds none.
func payloadOf(triggerType string, event any) (payload any, found bool) {
	if isAWSEvents(triggerType) {
		return event, true
	}
	m, _ := event.(map[string]any)
	d, _ := m["detail"].(map[string]any)
	p, ok := d["payload"]
	return p, ok
}
