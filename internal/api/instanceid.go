package api

import (
	"bytes"
	"encoding/json"

	"github.com/stormless/stormless/internal/bus"
)

// triggerInstanceID returns detail.id, the trigger instance id, of a
// Stormless trigger event without decoding its payload: it reads the
// detail's keys in order and stops at "id" (the first key of the events
// bus.NewEvent builds), skipping the values before it.
func triggerInstanceID(ev bus.Event) (string, error) {
	if id, ok := leadingID(ev.Detail); ok {
		return id, nil
	}
	dec := json.NewDecoder(bytes.NewReader(ev.Detail))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return "", errorf("reading the trigger instance id of event %s: detail is not an object", ev.ID)
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return "", errorf("reading the trigger instance id of event %s: %w", ev.ID, err)
		}
		if key == "id" {
			var id string
			if err := dec.Decode(&id); err != nil || id == "" {
				return "", errorf("reading the trigger instance id of event %s: id is not a non-empty string", ev.ID)
			}
			return id, nil
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return "", errorf("reading the trigger instance id of event %s: %w", ev.ID, err)
		}
	}
	return "", errorf("reading the trigger instance id of event %s: detail has no id", ev.ID)
}

// leadingID reads the id of a detail that starts {"id":"<id>" with no
// escape in the id, as bus.NewEvent writes it: a JSON string without a
// backslash ends at the next quote.
func leadingID(detail []byte) (string, bool) {
	rest, ok := bytes.CutPrefix(detail, []byte(`{"id":"`))
	if !ok {
		return "", false
	}
	i := bytes.IndexByte(rest, '"')
	if i <= 0 || bytes.IndexByte(rest[:i], '\\') >= 0 {
		return "", false
	}
	return string(rest[:i]), true
}
