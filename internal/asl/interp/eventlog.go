package interp

// eventLog stores events in fixed-size chunks so appending never copies
// the events already recorded.
type eventLog struct {
	chunks [][]Event
	n      int
}

const eventChunk = 512

func (l *eventLog) append(e Event) {
	switch {
	case len(l.chunks) == 0:
		// Map iterations and branches usually record a handful of events.
		l.chunks = append(l.chunks, make([]Event, 0, 8))
	case len(l.chunks[len(l.chunks)-1]) == cap(l.chunks[len(l.chunks)-1]):
		next := min(2*cap(l.chunks[len(l.chunks)-1]), eventChunk)
		l.chunks = append(l.chunks, make([]Event, 0, next))
	}
	last := len(l.chunks) - 1
	l.chunks[last] = append(l.chunks[last], e)
	l.n++
}

func (l *eventLog) len() int { return l.n }

// all returns a copy of the events in order.
func (l *eventLog) all() []Event {
	out := make([]Event, 0, l.n)
	for _, c := range l.chunks {
		for _, e := range c {
			out = append(out, e.expand())
		}
	}
	return out
}

// each calls f on every event in order.
func (l *eventLog) each(f func(Event)) {
	for _, c := range l.chunks {
		for _, e := range c {
			f(e)
		}
	}
}
