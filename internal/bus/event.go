package bus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
	"unicode/utf8"
)

// MaxEntrySize is the largest event PutEvents accepts, in bytes as Size
// counts them.
const MaxEntrySize = 256 * 1024

// Event is one EventBridge event. Its JSON form is EventBridge's:
// "detail-type" with a dash, time in RFC 3339 at second precision.
// An Event is a value; Detail must not be modified once published.
type Event struct {
	Version    string          `json:"version"`
	ID         string          `json:"id"`
	Source     string          `json:"source"`
	DetailType string          `json:"detail-type"`
	Time       time.Time       `json:"time"`
	Region     string          `json:"region"`
	Account    string          `json:"account"`
	Resources  []string        `json:"resources"`
	Detail     json.RawMessage `json:"detail"`
}

// Size is the entry size PutEvents charges against MaxEntrySize: the
// UTF-8 bytes of source, detail-type, detail and each resource, plus 14
// bytes when the time is set.
func (e Event) Size() int {
	n := len(e.Source) + len(e.DetailType) + len(e.Detail)
	for _, r := range e.Resources {
		n += len(r)
	}
	if !e.Time.IsZero() {
		n += 14
	}
	return n
}

// Validate reports why PutEvents would reject e: an error wrapping
// ErrInvalid for a missing source, detail-type or detail, or a detail that
// is not a JSON object; ErrTooLarge above MaxEntrySize.
func (e Event) Validate() error {
	switch {
	case e.Source == "":
		return fmt.Errorf("validating event %s: empty source: %w", e.ID, ErrInvalid)
	case e.DetailType == "":
		return fmt.Errorf("validating event %s: empty detail-type: %w", e.ID, ErrInvalid)
	case !isObject(e.Detail):
		return fmt.Errorf("validating event %s: detail is not a JSON object: %w", e.ID, ErrInvalid)
	case !utf8.ValidString(e.Source + e.DetailType):
		return fmt.Errorf("validating event %s: source or detail-type is not UTF-8: %w", e.ID, ErrInvalid)
	case e.Size() > MaxEntrySize:
		return fmt.Errorf("validating event %s: %d bytes, limit %d: %w", e.ID, e.Size(), MaxEntrySize, ErrTooLarge)
	}
	return nil
}

// isObject reports whether raw is a well-formed JSON object.
func isObject(raw json.RawMessage) bool {
	trimmed := bytes.TrimLeft(raw, " \t\r\n")
	return len(trimmed) > 0 && trimmed[0] == '{' && json.Valid(trimmed)
}

// MarshalJSON encodes e as EventBridge does: time in UTC at second
// precision and resources never null.
func (e Event) MarshalJSON() ([]byte, error) {
	type plain Event
	p := plain(e)
	if p.Resources == nil {
		p.Resources = []string{}
	}
	if len(p.Detail) == 0 {
		p.Detail = json.RawMessage("{}")
	}
	p.Time = p.Time.UTC().Truncate(time.Second)
	return json.Marshal(p)
}
