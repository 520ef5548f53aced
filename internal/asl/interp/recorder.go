package interp

import (
	"sync"
	"time"
)

// recorder collects the events of one thread of an execution: the top
// level, a Parallel branch or a Map iteration. A child recorder buffers its
// events with local ids and is merged into its parent in order when the
// branch or iteration completes, so histories are deterministic. The top
// recorder is safe for concurrent readers (History) while it is written.
type recorder struct {
	mu     sync.Mutex
	events eventLog
	cursor int64 // id of the event new events follow (0 = the parent's cursor)
	clock  Clock
	off    bool  // recording disabled
	base   int64 // the absolute id of this recorder's event 0, when known
}

func newRecorder(clock Clock, off bool) *recorder { return &recorder{clock: clock, off: off} }

// add appends an event after the cursor and advances the cursor.
func (r *recorder) add(typ string, details any) int64 {
	return r.append(typ, details, true)
}

// addDetached appends an event after the cursor without moving it (AWS
// links e.g. MapStateExited to the event before MapStateSucceeded).
func (r *recorder) addDetached(typ string, details any) int64 {
	return r.append(typ, details, false)
}

func (r *recorder) append(typ string, details any, advance bool) int64 {
	return r.appendEvent(Event{Type: typ, Details: details, DetailsKey: detailsKey(typ, details)}, advance)
}

// stateEvent records a state's entered or exited event in compact form.
func (r *recorder) stateEvent(typ string, kind uint8, name string, payload any, assigned map[string]any) int64 {
	return r.appendEvent(Event{Type: typ, stateName: name, payload: payload, assigned: assigned, compact: kind}, true)
}

func (r *recorder) appendEvent(e Event, advance bool) int64 {
	if r.off {
		return 0
	}
	e.Timestamp = r.now()
	r.mu.Lock()
	defer r.mu.Unlock()
	e.ID = int64(r.events.len() + 1)
	e.PreviousEventID = r.cursor
	r.events.append(e)
	if advance {
		r.cursor = e.ID
	}
	return e.ID
}

func (r *recorder) now() time.Time { return r.clock.Now() }

// setCursor makes later events follow id.
func (r *recorder) setCursor(id int64) {
	r.mu.Lock()
	r.cursor = id
	r.mu.Unlock()
}

func (r *recorder) lastID() int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return int64(r.events.len())
}

// merge appends a child's events, renumbering them after this recorder's
// and linking the child's first events to this recorder's cursor. It
// returns the child's last event id (renumbered), and moves the cursor there.
func (r *recorder) merge(child *recorder) int64 {
	if r.off || child.events.len() == 0 {
		return r.cursor
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	base := int64(r.events.len())
	cursor := r.cursor
	child.events.each(func(e Event) {
		e.ID += base
		if e.PreviousEventID == 0 {
			e.PreviousEventID = cursor
		} else {
			e.PreviousEventID += base
		}
		r.events.append(e)
	})
	r.cursor = child.cursor + base
	if child.cursor == 0 {
		r.cursor = base
	}
	return r.cursor
}

// snapshot returns a copy of the events.
func (r *recorder) snapshot() []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.events.all()
}
