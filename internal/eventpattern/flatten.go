package eventpattern

import "fmt"

// trailEntry says which element of which array (numbered in event order)
// a value sits in; node is the name node holding the array.
type trailEntry struct{ node, arr, idx int32 }

// field is one scalar value at a named path, with the arrays of objects
// around it (its trail). Arrays after the path's last key are not in the
// trail: a list of scalars is one leaf.
//
// Its value is in flattener.vals at the same index.
type field struct {
	path         int32
	prev         int32 // index+1 of the previous field at path, or 0
	dead         bool  // replaced by a later duplicate key
	tStart, tLen int32
}

// seenKey records, for a name node, the object it was last seen in and
// where its fields are, so a duplicate key replaces them (the last
// occurrence wins, as with encoding/json).
type seenKey struct {
	obj        uint64
	start, end int
}

// flattener turns an event into fields. It is scratch space reused across
// events by one goroutine at a time.
type flattener struct {
	sc      scanner
	fields  []field
	vals    []value      // the fields' values, by field index
	stack   []trailEntry // arrays enclosing the current value
	trails  []trailEntry // storage for the fields' trails
	seen    []seenKey    // by name node id
	head    []int32      // by path id: index+1 of the path's last field, or 0
	live    []int32      // by path id: the number of live fields
	objects uint64       // objects read so far, across events
	arrays  int32
}

var errNotObject = fmt.Errorf("%w: not a JSON object", ErrInvalidEvent)

// flatten reads event, keeping the values at paths under root.
func (f *flattener) flatten(event string, root *nameNode) error {
	f.sc = scanner{s: event, buf: f.sc.buf, closers: f.sc.closers}
	f.fields, f.vals, f.stack, f.trails, f.arrays = f.fields[:0], f.vals[:0], f.stack[:0], f.trails[:0], 0
	clear(f.head)
	clear(f.live)
	if f.sc.peek() != '{' {
		if err := f.sc.skip(); err != nil {
			return err
		}
		return errNotObject
	}
	if err := f.object(root); err != nil {
		return err
	}
	if f.sc.ws(); f.sc.i != len(event) {
		return errSyntax
	}
	return nil
}

// value reads one value at name node n; keyTrail is the length of the
// array stack when n's key was entered.
func (f *flattener) value(n *nameNode, keyTrail int) error {
	sc := &f.sc
	switch c := sc.peek(); {
	case c == '{':
		if n.children == nil {
			return sc.skip()
		}
		return f.object(n)
	case c == '[':
		return f.array(n, keyTrail)
	case c == '"':
		return f.str(n, keyTrail)
	case c == '-' || ('0' <= c && c <= '9'):
		text, err := sc.number()
		if err == nil && n.path >= 0 {
			f.emit(n.path, numberValue(text), keyTrail)
		}
		return err
	}
	k, err := sc.literal()
	if err == nil && n.path >= 0 {
		f.emit(n.path, value{kind: k}, keyTrail)
	}
	return err
}

func (f *flattener) str(n *nameNode, keyTrail int) error {
	s, err := f.sc.str()
	if err == nil && n.path >= 0 {
		f.emit(n.path, stringValue(s), keyTrail)
	}
	return err
}

// emit records the value v at path, with the arrays around it.
func (f *flattener) emit(path int32, v value, keyTrail int) {
	fd := field{path: path, tStart: int32(len(f.trails)), tLen: int32(keyTrail)}
	if keyTrail > 0 {
		f.trails = append(f.trails, f.stack[:keyTrail]...)
	}
	fd.prev = f.head[fd.path]
	f.fields = append(f.fields, fd)
	f.vals = append(f.vals, v)
	f.head[fd.path] = int32(len(f.fields))
	f.live[fd.path]++
}

func (f *flattener) object(n *nameNode) error {
	if err := f.sc.open(); err != nil {
		return err
	}
	f.objects++
	return f.members(n, f.objects)
}

func (f *flattener) members(n *nameNode, obj uint64) error {
	sc := &f.sc
	if sc.peek() == '}' {
		return sc.close()
	}
	for {
		k, w, err := sc.key()
		if err != nil {
			return err
		}
		if child := n.child(k, w); child == nil {
			err = sc.skip()
		} else {
			f.noteKey(child, obj)
			err = f.value(child, len(f.stack))
			f.seen[child.id].end = len(f.fields)
		}
		if err != nil {
			return err
		}
		if done, err := sc.next('}'); done || err != nil {
			return err
		}
	}
}

// noteKey kills the fields of an earlier occurrence of child's key in
// object obj and records where the new occurrence starts.
func (f *flattener) noteKey(child *nameNode, obj uint64) {
	e := &f.seen[child.id]
	if e.obj == obj {
		for j := e.start; j < e.end; j++ {
			if fd := &f.fields[j]; !fd.dead {
				fd.dead = true
				f.live[fd.path]--
			}
		}
	}
	e.obj, e.start = obj, len(f.fields)
}

func (f *flattener) array(n *nameNode, keyTrail int) error {
	sc := &f.sc
	if err := sc.open(); err != nil {
		return err
	}
	if sc.peek() == ']' {
		return sc.close()
	}
	top := len(f.stack)
	f.stack = append(f.stack, trailEntry{node: n.id, arr: f.arrays, idx: -1})
	f.arrays++
	defer func() { f.stack = f.stack[:top] }()
	for {
		f.stack[top].idx++
		if err := f.value(n, keyTrail); err != nil {
			return err
		}
		if done, err := sc.next(']'); done || err != nil {
			return err
		}
	}
}
