package rule

import "github.com/stormless/stormless/internal/envelope"

// AWSEventsTrigger is the trigger type of rules over AWS service events on
// the default bus: their criteria apply to the whole event.
const AWSEventsTrigger = envelope.AWSEventsTrigger

// SourcePrefix starts the source of every Stormless trigger event; the
// pack of the trigger type follows.
const SourcePrefix = envelope.SourcePrefix

// Envelope is envelope.New: the event carrying a trigger instance, whose
// shape the rule's event pattern is compiled against.
func Envelope(triggerType string, parameters map[string]any, payload any) map[string]any {
	return envelope.New(triggerType, parameters, payload)
}
