package rule

import "time"

// Option configures Evaluate, Test and Compile.
type Option func(*settings)

type settings struct {
	now            func() time.Time
	store          Datastore
	maxPatternSize int
	payloadSchema  map[string]any
}

// DefaultMaxPatternSize is EventBridge's default limit on the length of an
// event pattern, in characters.
const DefaultMaxPatternSize = 2048

func newSettings(opts []Option) *settings {
	s := &settings{now: time.Now, maxPatternSize: DefaultMaxPatternSize}
	for _, o := range opts {
		o(s)
	}
	return s
}

// WithNow sets the clock timediff operators compare against.
func WithNow(now func() time.Time) Option { return func(s *settings) { s.now = now } }

// WithDatastore sets the datastore that "{{ st2kv.system.KEY }}" reads;
// without one every key is missing (renders as "").
func WithDatastore(ds Datastore) Option { return func(s *settings) { s.store = ds } }

// WithMaxPatternSize sets the event pattern size limit Compile respects
// (default DefaultMaxPatternSize).
func WithMaxPatternSize(n int) Option { return func(s *settings) { s.maxPatternSize = n } }

// WithTrustedPayloadSchema tells Compile the trigger payload always
// conforms to this JSON Schema (the trigger type's payload_schema, enforced
// at dispatch). Where the schema rules out arrays and nulls along a key's
// path, a criterion the pattern expresses needs no residual check.
func WithTrustedPayloadSchema(schema map[string]any) Option {
	return func(s *settings) { s.payloadSchema = schema }
}
