package awsapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/google/uuid"

	"github.com/stormless/stormless/internal/bus"
)

// PutEvents limits, as EventBridge's: entries per call and bytes in all
// (bus.Event.Size summed).
const (
	MaxEntries   = 10
	MaxEntrySize = bus.MaxEntrySize
)

// Per-entry error codes of PutEvents.
const (
	codeInvalidArgument = "InvalidArgument"
	codeMalformedDetail = "MalformedDetail"
)

type putEventsInput struct {
	Entries []putEventsEntry `json:"Entries"`
}

type putEventsEntry struct {
	Source       *string         `json:"Source"`
	DetailType   *string         `json:"DetailType"`
	Detail       *string         `json:"Detail"`
	Resources    []string        `json:"Resources"`
	Time         json.RawMessage `json:"Time"`
	EventBusName string          `json:"EventBusName"`
	TraceHeader  string          `json:"TraceHeader"`
}

type putEventsOutput struct {
	FailedEntryCount int               `json:"FailedEntryCount"`
	Entries          []putEventsResult `json:"Entries"`
}

type putEventsResult struct {
	EventID      string `json:"EventId,omitempty"`
	ErrorCode    string `json:"ErrorCode,omitempty"`
	ErrorMessage string `json:"ErrorMessage,omitempty"`
}

// putEvents serves AWSEvents.PutEvents: each valid entry is published as
// an event; entries fail one by one.
func (h *Handler) putEvents(ctx context.Context, _ call, body []byte) (any, *Error) {
	var in putEventsInput
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	if n := len(in.Entries); n < 1 || n > MaxEntries {
		return nil, clientError(codeValidation, "1 validation error detected: Entries has %d entries: a PutEvents call takes 1 to %d entries; split it", n, MaxEntries)
	}
	out := putEventsOutput{Entries: make([]putEventsResult, len(in.Entries))}
	now := time.Now().UTC()
	var events []bus.Event
	var at []int // entry index of each event
	size := 0
	for i, entry := range in.Entries {
		ev, err := h.entryEvent(entry, now)
		if err != nil {
			out.Entries[i] = putEventsResult{ErrorCode: err.Code, ErrorMessage: err.Message}
			continue
		}
		size += ev.Size()
		events, at = append(events, ev), append(at, i)
	}
	if size > MaxEntrySize {
		return nil, clientError(codeValidation, "Total size of the entries in the request is over the limit: %d bytes, limit %d", size, MaxEntrySize)
	}
	h.publish(ctx, events, at, out.Entries)
	for _, r := range out.Entries {
		if r.ErrorCode != "" {
			out.FailedEntryCount++
		}
	}
	return out, nil
}

// publish publishes events and records each one's id or failure at its
// entry index.
func (h *Handler) publish(ctx context.Context, events []bus.Event, at []int, results []putEventsResult) {
	if len(events) == 0 {
		return
	}
	failed := map[int]error{}
	if err := h.engine.Publish(ctx, events...); err != nil {
		var pe *bus.PublishError
		if !errors.As(err, &pe) {
			for i := range events {
				failed[i] = err
			}
		} else {
			for _, x := range pe.Entries {
				failed[x.Index] = x.Err
			}
		}
	}
	for i, ev := range events {
		if err, ok := failed[i]; ok {
			results[at[i]] = entryFailure(err)
			continue
		}
		results[at[i]] = putEventsResult{EventID: ev.ID}
	}
}

// entryFailure is the result of an entry the bus refused.
func entryFailure(err error) putEventsResult {
	switch {
	case errors.Is(err, bus.ErrInvalid), errors.Is(err, bus.ErrTooLarge):
		return putEventsResult{ErrorCode: codeInvalidArgument, ErrorMessage: err.Error()}
	default:
		return putEventsResult{ErrorCode: codeInternal, ErrorMessage: err.Error()}
	}
}

// entryEvent is the event EventBridge would deliver for entry: its fields
// unchanged, a new id, the entry's time or now.
func (h *Handler) entryEvent(e putEventsEntry, now time.Time) (bus.Event, *Error) {
	for _, f := range []struct {
		name string
		v    *string
	}{{"Source", e.Source}, {"DetailType", e.DetailType}, {"Detail", e.Detail}} {
		if f.v == nil || *f.v == "" {
			return bus.Event{}, clientError(codeInvalidArgument, "Parameter %s is not valid. Reason: %s is a required argument.", f.name, f.name)
		}
	}
	if !isObject(*e.Detail) {
		return bus.Event{}, clientError(codeMalformedDetail, "Detail is malformed: want a JSON object, as a string")
	}
	t, err := entryTime(e.Time, now)
	if err != nil {
		return bus.Event{}, err
	}
	ev := bus.Event{Version: "0", ID: uuid.NewString(), Source: *e.Source, DetailType: *e.DetailType, Time: t,
		Region: h.region, Account: h.account, Resources: e.Resources, Detail: json.RawMessage(*e.Detail)}
	if ev.Resources == nil {
		ev.Resources = []string{}
	}
	if verr := ev.Validate(); verr != nil {
		return bus.Event{}, clientError(codeInvalidArgument, "%v", verr)
	}
	return ev, nil
}

// isObject reports whether s is one well-formed JSON object.
func isObject(s string) bool {
	var m map[string]json.RawMessage
	return json.Unmarshal([]byte(s), &m) == nil && m != nil
}

// entryTime reads an entry's Time: epoch seconds (as AWS clients send
// it) or an RFC 3339 string; absent means now.
func entryTime(raw json.RawMessage, now time.Time) (time.Time, *Error) {
	if len(raw) == 0 || string(raw) == "null" {
		return now, nil
	}
	var secs float64
	if err := json.Unmarshal(raw, &secs); err == nil {
		if math.IsNaN(secs) || math.IsInf(secs, 0) || secs < 0 || secs > 253402300799 {
			return time.Time{}, clientError(codeInvalidArgument, "Parameter Time is not valid: %v", secs)
		}
		whole, frac := math.Modf(secs)
		return time.Unix(int64(whole), int64(frac*1e9)).UTC(), nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, clientError(codeInvalidArgument, "Parameter Time is not valid: %s: want epoch seconds or an RFC 3339 time", fmt.Sprint(string(raw)))
}
