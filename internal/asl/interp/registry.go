package interp

import (
	"context"
	"fmt"
	"strings"
	"sync"
)

// TaskRequest is what a Task state asks a handler to do.
type TaskRequest struct {
	// Resource is the state's Resource ARN as written.
	Resource string
	// Service and Action name the integration, e.g. "lambda" and "invoke"
	// for arn:aws:states:::lambda:invoke; a bare Lambda function ARN gives
	// "lambda" and "" .
	Service, Action string
	// Pattern is "", "sync", "sync:2" or "waitForTaskToken".
	Pattern string
	// Parameters is the evaluated Parameters or Arguments payload.
	Parameters any
	// TaskToken is set for .waitForTaskToken tasks: the handler hands it to
	// whoever will call SendTaskSuccess or SendTaskFailure.
	TaskToken string
	// StateName and ExecutionARN say where the task runs.
	StateName    string
	ExecutionARN string
	// Depth is the nesting depth of the calling execution.
	Depth int

	// submitted records TaskSubmitted for .sync integrations.
	submitted func(response any)
}

// Handler performs Task states for one resource. Invoke returns the task
// result in the generic JSON form, or an error: a *Failure (or any error
// with an ASLError method) raises that error name, anything else raises
// States.TaskFailed. ctx carries the state's TimeoutSeconds. Handlers may be
// called concurrently.
type Handler interface {
	Invoke(ctx context.Context, req *TaskRequest) (any, error)
}

// HandlerFunc adapts a function to Handler.
type HandlerFunc func(ctx context.Context, req *TaskRequest) (any, error)

// Invoke calls f.
func (f HandlerFunc) Invoke(ctx context.Context, req *TaskRequest) (any, error) { return f(ctx, req) }

// LambdaFunc is an in-process Lambda function: it receives the event
// payload and returns the function's result. A returned error becomes a
// function error (see LambdaError).
type LambdaFunc func(ctx context.Context, payload any) (any, error)

// Registry maps Task resources to handlers and Lambda function names to
// in-process functions. Safe for concurrent use.
type Registry struct {
	mu       sync.RWMutex
	handlers map[string]Handler
	lambdas  map[string]lambdaEntry
}

// lambdaEntry is a bound function; shared ones get the interpreter's own
// payload rather than a copy.
type lambdaEntry struct {
	fn     LambdaFunc
	shared bool
}

// NewRegistry returns a registry with no handlers; the built-in
// integrations are resolved by the interpreter when no handler matches.
func NewRegistry() *Registry {
	return &Registry{handlers: map[string]Handler{}, lambdas: map[string]lambdaEntry{}}
}

// Handle registers h for a resource ARN. The ARN may omit the .sync,
// .sync:2 or .waitForTaskToken suffix to serve every pattern. A registered
// handler takes precedence over a built-in integration.
func (r *Registry) Handle(resource string, h Handler) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.handlers[resource] = h
}

// HandleFunc registers a function as the handler of resource.
func (r *Registry) HandleFunc(resource string, f func(ctx context.Context, req *TaskRequest) (any, error)) {
	r.Handle(resource, HandlerFunc(f))
}

// Lambda binds a function name (or full function ARN) to an in-process
// function, for lambda:invoke and bare function ARN tasks.
func (r *Registry) Lambda(name string, fn LambdaFunc) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lambdas[functionName(name)] = lambdaEntry{fn: fn}
}

// SharedLambda is Lambda for a function that never modifies its payload
// nor keeps it past its return: it gets the interpreter's own value
// instead of a deep copy (which Lambda makes so that a function may do as
// it likes with its payload). The function's result is still its own.
func (r *Registry) SharedLambda(name string, fn LambdaFunc) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lambdas[functionName(name)] = lambdaEntry{fn: fn, shared: true}
}

func (r *Registry) handler(spec *taskSpec) (Handler, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if h, ok := r.handlers[spec.resource]; ok {
		return h, true
	}
	h, ok := r.handlers[spec.base]
	return h, ok
}

func (r *Registry) lambda(name string) (lambdaEntry, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	e, ok := r.lambdas[functionName(name)]
	return e, ok
}

// functionName reduces a function name, partial or full ARN (with or
// without a version or alias qualifier) to the bare name.
func functionName(s string) string {
	if i := strings.Index(s, "function:"); i >= 0 {
		s = s[i+len("function:"):]
	}
	if i := strings.IndexByte(s, ':'); i >= 0 {
		s = s[:i]
	}
	return s
}

// taskSpec is a parsed Task resource.
type taskSpec struct {
	resource string // as written
	base     string // without the pattern suffix
	service  string
	action   string
	pattern  string
	bare     bool // a bare Lambda function or activity ARN
}

// parseResource classifies a Resource ARN. Unknown forms are accepted and
// fail when the task runs unless a handler is registered for them.
func parseResource(res string) (*taskSpec, error) {
	s := &taskSpec{resource: res, base: res}
	parts := strings.Split(res, ":")
	if len(parts) < 6 || parts[0] != "arn" {
		return s, nil
	}
	switch {
	case parts[2] == "lambda" && parts[5] == "function":
		s.service, s.bare = "lambda", true
	case parts[2] == "states" && parts[5] == "activity":
		s.service, s.bare = "activity", true
	case parts[2] == "states" && parts[3] == "" && parts[4] == "":
		s.splitIntegration(strings.Join(parts[5:], ":"))
	}
	return s, nil
}

// splitIntegration parses "lambda:invoke.waitForTaskToken",
// "states:startExecution.sync:2" or "aws-sdk:s3:getObject".
func (s *taskSpec) splitIntegration(rest string) {
	for _, p := range []string{".waitForTaskToken", ".sync:2", ".sync"} {
		if strings.HasSuffix(rest, p) {
			s.pattern = p[1:]
			rest = strings.TrimSuffix(rest, p)
			s.base = strings.TrimSuffix(s.resource, p)
			break
		}
	}
	i := strings.LastIndexByte(rest, ':')
	if i < 0 {
		s.service = rest
		return
	}
	s.service, s.action = rest[:i], rest[i+1:]
}

// resourceType and resourceName are the TaskScheduled event's fields.
func (s *taskSpec) resourceType() string { return strings.TrimPrefix(s.service, "aws-sdk:") }

func (s *taskSpec) resourceName() string {
	if s.pattern != "" {
		return s.action + "." + s.pattern
	}
	return s.action
}

func (s *taskSpec) String() string { return fmt.Sprintf("%s:%s", s.service, s.action) }
