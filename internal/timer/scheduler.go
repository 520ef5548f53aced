package timer

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/stormless/stormless/internal/bus"
)

// Scheduler runs timers and publishes a trigger instance each time one
// fires. Add, Remove, Sync and Timers are safe to call concurrently with
// Run and each other.
type Scheduler struct {
	pub bus.Publisher
	s   settings

	mu      sync.Mutex
	jobs    map[string]*job
	changed chan struct{} // wakes Run after a change; capacity 1
	gen     uint64
}

// job is one scheduled timer.
type job struct {
	id       string
	trigger  bus.Trigger
	sched    Schedule
	next     time.Time
	traceTag string
	gen      uint64 // tells a re-added job from the one being fired
}

// Status describes a scheduled timer for the API.
type Status struct {
	ID      string      `json:"id"`
	Trigger bus.Trigger `json:"trigger"`
	// Next is the next fire time.
	Next time.Time `json:"next_run_time"`
}

// New returns a Scheduler publishing to pub; call Run to start it.
func New(pub bus.Publisher, opts ...Option) (*Scheduler, error) {
	if pub == nil {
		return nil, errors.New("creating timer scheduler: nil publisher")
	}
	s := defaultSettings()
	for _, o := range opts {
		if err := o(&s); err != nil {
			return nil, fmt.Errorf("creating timer scheduler: %w", err)
		}
	}
	return &Scheduler{pub: pub, s: s, jobs: map[string]*job{}, changed: make(chan struct{}, 1)}, nil
}

// Add schedules the timer t unless one with the same ID is scheduled, and
// returns its ID. A DateTimer that already fired (FiredStore) or whose
// date passed more than the misfire grace time ago is not scheduled; that
// is not an error. Errors wrap ErrNotTimer or describe invalid parameters.
func (s *Scheduler) Add(ctx context.Context, t bus.Trigger) (string, error) {
	id, err := ID(t)
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	_, exists := s.jobs[id]
	s.mu.Unlock()
	if exists {
		return id, nil
	}
	j, err := s.newJob(ctx, id, t)
	if err != nil || j == nil {
		return id, err
	}
	s.mu.Lock()
	if _, exists := s.jobs[id]; !exists {
		s.gen++
		j.gen = s.gen
		s.jobs[id] = j
	}
	s.mu.Unlock()
	s.wake()
	return id, nil
}

// newJob builds the job of timer t; nil when it is not to be scheduled.
func (s *Scheduler) newJob(ctx context.Context, id string, t bus.Trigger) (*job, error) {
	now := s.s.clock.Now()
	sched, err := ParseSchedule(t.Type, t.Parameters, now, s.s.loc)
	if err != nil {
		return nil, fmt.Errorf("adding timer %s: %w", id, err)
	}
	next, ok := sched.Next(time.Time{}, now)
	if !ok || now.Sub(next) > s.s.grace {
		return nil, nil
	}
	if t.Type == DateTimer {
		fired, err := s.s.fired.Fired(ctx, id)
		if err != nil || fired {
			return nil, wrapIf(err, "reading whether timer %s fired", id)
		}
	}
	name := strings.TrimPrefix(t.Type, "core.")
	return &job{id: id, trigger: t, sched: sched, next: next, traceTag: name + "-" + uuid.NewString()}, nil
}

// Remove unschedules the timer with id; unknown ids are ignored.
func (s *Scheduler) Remove(id string) {
	s.mu.Lock()
	delete(s.jobs, id)
	s.mu.Unlock()
	s.wake()
}

// Sync makes the scheduled timers exactly the timer triggers among
// triggers (other trigger types are skipped), keeping the timers already
// scheduled, so intervals keep their phase across a pack reload. It adds
// every valid timer and returns the errors of the others joined.
func (s *Scheduler) Sync(ctx context.Context, triggers []bus.Trigger) error {
	want := map[string]bool{}
	var errs []error
	for _, t := range triggers {
		if !IsTimer(t.Type) {
			continue
		}
		id, err := s.Add(ctx, t)
		want[id] = true
		errs = append(errs, err)
	}
	s.mu.Lock()
	for id := range s.jobs {
		if !want[id] {
			delete(s.jobs, id)
		}
	}
	s.mu.Unlock()
	s.wake()
	return errors.Join(errs...)
}

// Timers lists the scheduled timers by next fire time.
func (s *Scheduler) Timers() []Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Status, 0, len(s.jobs))
	for _, j := range s.jobs {
		out = append(out, Status{ID: j.id, Trigger: j.trigger, Next: j.next})
	}
	slices.SortFunc(out, func(a, b Status) int { return cmp.Or(a.Next.Compare(b.Next), cmp.Compare(a.ID, b.ID)) })
	return out
}

func (s *Scheduler) wake() {
	select {
	case s.changed <- struct{}{}:
	default:
	}
}

func wrapIf(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}
