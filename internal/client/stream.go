package client

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/stormless/stormless/internal/execution"
)

// Stream event names, StackStorm's (the ones internal/api sends).
const (
	EventExecutionCreate = "st2.execution__create"
	EventExecutionUpdate = "st2.execution__update"
	EventTriggerInstance = "st2.trigger_instances_dispatch__trigger_instance"
)

// maxEventLine bounds one line of the event stream (a record as JSON).
const maxEventLine = 16 << 20

// Event is one server-sent event: its name ("message" when the server gave
// none), its data (the lines joined by newlines) and its id (the last id
// the stream set, as the standard's lastEventId).
type Event struct {
	Name string
	Data []byte
	ID   string
}

// Execution decodes the data of an execution event.
func (e Event) Execution() (execution.Execution, error) {
	var x execution.Execution
	if err := json.Unmarshal(e.Data, &x); err != nil {
		return x, fmt.Errorf("decoding %s event: %w", e.Name, err)
	}
	return x, nil
}

// Stream is an open event stream. Next is not safe for concurrent use;
// Close may be called from another goroutine to end a blocked Next.
type Stream struct {
	body io.Closer
	*EventReader
}

// Stream opens /stream/v1/stream, keeping only the named events when any
// are given. It returns once the server has answered, so that every change
// from then on is reported. The stream ends when ctx is done, Close is
// called or the server ends it.
func (c *Client) Stream(ctx context.Context, events ...string) (*Stream, error) {
	r := request{method: http.MethodGet, path: "/stream/v1/stream", query: optional("events", strings.Join(events, ","))}
	req, err := c.newHTTPRequest(ctx, r)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "text/event-stream")
	resp, err := c.hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("opening the event stream: %w", ctx.Err())
		}
		return nil, &UnreachableError{URL: c.URL(), Err: err}
	}
	if resp.StatusCode != http.StatusOK {
		defer resp.Body.Close()
		return nil, newError(r.method, r.path, resp)
	}
	return &Stream{body: resp.Body, EventReader: NewEventReader(resp.Body)}, nil
}

// Close ends the stream.
func (s *Stream) Close() error { return s.body.Close() }

// EventReader reads server-sent events (the text/event-stream format of
// the HTML standard): "field: value" lines, an empty line ending each
// event, lines starting with ":" being comments; CR, LF and CRLF all end
// lines. Not safe for concurrent use.
type EventReader struct {
	sc *bufio.Scanner
	// lastID is the standard's last event ID buffer: each event carries
	// the id last set, until an id field sets another (or clears it).
	lastID string
	// Retry is the reconnection time, in milliseconds, the server last
	// asked for; 0 when it did not.
	Retry int
}

// NewEventReader returns a reader of the events in r.
func NewEventReader(r io.Reader) *EventReader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxEventLine)
	sc.Split(scanLines)
	return &EventReader{sc: sc}
}

// Next returns the next event; io.EOF once the stream ended (an event the
// stream ended inside of is dropped, as the standard says).
func (r *EventReader) Next() (Event, error) {
	var ev Event
	var data bytes.Buffer
	hasData := false
	for r.sc.Scan() {
		line := r.sc.Bytes()
		if len(line) == 0 {
			if !hasData {
				ev = Event{}
				continue
			}
			ev.Data = bytes.TrimSuffix(data.Bytes(), []byte("\n"))
			ev.ID = r.lastID
			if ev.Name == "" {
				ev.Name = "message"
			}
			return ev, nil
		}
		if line[0] == ':' {
			continue
		}
		field, value, _ := bytes.Cut(line, []byte(":"))
		value = bytes.TrimPrefix(value, []byte(" "))
		switch string(field) {
		case "event":
			ev.Name = string(value)
		case "data":
			data.Write(value)
			data.WriteByte('\n')
			hasData = true
		case "id":
			if !bytes.ContainsRune(value, 0) {
				r.lastID = string(value)
			}
		case "retry":
			r.Retry = parseRetry(value)
		}
	}
	if err := r.sc.Err(); err != nil {
		return Event{}, fmt.Errorf("reading the event stream: %w", err)
	}
	return Event{}, io.EOF
}

// parseRetry reads a retry field: ASCII digits only, else 0.
func parseRetry(v []byte) int {
	if len(v) == 0 || len(v) > 9 {
		return 0
	}
	n := 0
	for _, b := range v {
		if b < '0' || b > '9' {
			return 0
		}
		n = n*10 + int(b-'0')
	}
	return n
}

// scanLines is bufio.ScanLines for CR, LF and CRLF line ends.
func scanLines(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	if i := bytes.IndexAny(data, "\r\n"); i >= 0 {
		if data[i] == '\n' {
			return i + 1, data[:i], nil
		}
		if i+1 < len(data) {
			if data[i+1] == '\n' {
				return i + 2, data[:i], nil
			}
			return i + 1, data[:i], nil
		}
		if atEOF {
			return i + 1, data[:i], nil
		}
		return 0, nil, nil // a CR at the end: wait to see whether LF follows
	}
	if atEOF {
		return len(data), data, nil
	}
	return 0, nil, nil
}
