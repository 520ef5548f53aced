package sensor

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/stormless/stormless/internal/timer"
)

// ErrExists is returned by Start for a name already supervised.
var ErrExists = errors.New("sensor already running")

// ErrExited is the failure recorded for a sensor whose Run returned nil
// before it was stopped.
var ErrExited = errors.New("sensor exited")

// Supervisor runs sensors and restarts them with exponential backoff. It
// is safe for concurrent use; Close stops everything.
type Supervisor struct {
	d Dispatcher
	s supervisorSettings

	mu      sync.Mutex
	sensors map[string]*supervised
	wg      sync.WaitGroup
}

// supervised is one sensor under supervision; st is guarded by mu.
type supervised struct {
	mu     sync.Mutex
	st     Status
	cancel context.CancelFunc
	done   chan struct{}
}

// NewSupervisor returns a Supervisor whose sensors dispatch through d.
func NewSupervisor(d Dispatcher, opts ...SupervisorOption) (*Supervisor, error) {
	if d == nil {
		return nil, errors.New("creating sensor supervisor: nil dispatcher")
	}
	s := supervisorSettings{clock: timer.SystemClock(), minBackoff: time.Second, maxBackoff: time.Minute, stable: time.Minute}
	for _, o := range opts {
		if err := o(&s); err != nil {
			return nil, fmt.Errorf("creating sensor supervisor: %w", err)
		}
	}
	return &Supervisor{d: d, s: s, sensors: map[string]*supervised{}}, nil
}

// Start runs sn under name until ctx is done or Stop(name) or Close is
// called. It returns ErrExists when name is running.
func (s *Supervisor) Start(ctx context.Context, name string, sn Sensor) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.sensors[name]; ok && old.state() != StateStopped {
		return fmt.Errorf("starting sensor %s: %w", name, ErrExists)
	}
	ctx, cancel := context.WithCancel(ctx)
	sup := &supervised{st: Status{Name: name, State: StateRunning}, cancel: cancel, done: make(chan struct{})}
	s.sensors[name] = sup
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer close(sup.done)
		s.supervise(ctx, sup, sn)
	}()
	return nil
}

// Stop stops the sensor name and waits for its Run to return; its status
// stays listed as stopped. Unknown names are ignored.
func (s *Supervisor) Stop(name string) {
	s.mu.Lock()
	sup, ok := s.sensors[name]
	s.mu.Unlock()
	if ok {
		sup.cancel()
		<-sup.done
	}
}

// Remove stops the sensor name and forgets it.
func (s *Supervisor) Remove(name string) {
	s.Stop(name)
	s.mu.Lock()
	delete(s.sensors, name)
	s.mu.Unlock()
}

// Close stops every sensor and waits for them.
func (s *Supervisor) Close() {
	s.mu.Lock()
	for _, sup := range s.sensors {
		sup.cancel()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

// Status returns the status of sensor name.
func (s *Supervisor) Status(name string) (Status, bool) {
	s.mu.Lock()
	sup, ok := s.sensors[name]
	s.mu.Unlock()
	if !ok {
		return Status{}, false
	}
	return sup.status(), true
}

// Statuses returns every sensor's status, sorted by name.
func (s *Supervisor) Statuses() []Status {
	s.mu.Lock()
	out := make([]Status, 0, len(s.sensors))
	for _, sup := range s.sensors {
		out = append(out, sup.status())
	}
	s.mu.Unlock()
	slices.SortFunc(out, func(a, b Status) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

func (sup *supervised) status() Status {
	sup.mu.Lock()
	defer sup.mu.Unlock()
	return sup.st
}

func (sup *supervised) state() State { return sup.status().State }

func (sup *supervised) update(f func(*Status)) {
	sup.mu.Lock()
	defer sup.mu.Unlock()
	f(&sup.st)
}
