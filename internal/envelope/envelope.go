// Package envelope is the one definition of the EventBridge event that
// carries a Stormless trigger instance (DESIGN.md "The event envelope"):
// source "stormless.<pack>", detail-type the trigger type, detail.trigger
// the type and its parameters, detail.payload the payload; and, for the
// aws.events trigger, the AWS event itself.
//
// Rules compile their criteria against this shape (package rule), the bus
// wraps trigger instances in it (package bus) and the AWS deployment
// publishes it; the package depends on nothing so that every Lambda
// function can use it without the rule compiler.
package envelope

import "strings"

// AWSEventsTrigger is the trigger type of rules over AWS service events on
// the default bus: their criteria apply to the whole event.
const AWSEventsTrigger = "aws.events"

// SourcePrefix starts the source of every Stormless trigger event; the
// pack of the trigger type follows.
const SourcePrefix = "stormless."

// IsAWSEvents reports whether events of this trigger type are AWS events
// carried as they are, rather than a trigger instance in detail.payload.
func IsAWSEvents(triggerType string) bool { return triggerType == AWSEventsTrigger }

// Source is the event source of a trigger type's events:
// "stormless.core" for "core.st2.webhook".
func Source(triggerType string) string {
	pack, _, _ := strings.Cut(triggerType, ".")
	return SourcePrefix + pack
}

// New returns the event that carries a trigger instance of triggerType
// with the given trigger parameters and payload. Its id, time, region and
// account are placeholders the publisher replaces. For aws.events an
// object payload is the event itself.
func New(triggerType string, parameters map[string]any, payload any) map[string]any {
	if IsAWSEvents(triggerType) {
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
		"source":      Source(triggerType),
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

// Payload extracts the trigger payload from a decoded event of
// triggerType; found is false when the event holds none.
func Payload(triggerType string, event any) (payload any, found bool) {
	if IsAWSEvents(triggerType) {
		return event, true
	}
	m, _ := event.(map[string]any)
	d, _ := m["detail"].(map[string]any)
	p, ok := d["payload"]
	return p, ok
}
