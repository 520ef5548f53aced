package sensor

import (
	"context"

	"github.com/stormless/stormless/internal/bus"
)

// Sensor watches something and dispatches trigger instances. Run returns
// when ctx is done (with nil or ctx's error) or when the sensor fails;
// the Supervisor restarts a sensor whose Run returns before ctx is done.
// Run may be called again after it returned, on the same value, so a
// sensor may keep state (file offsets) across restarts.
type Sensor interface {
	Run(ctx context.Context, out Output) error
}

// Output is what a running sensor talks to. Its methods are safe for
// concurrent use.
type Output interface {
	// Dispatch publishes one trigger instance of trigger t with payload.
	// It returns a *PayloadError when the payload does not satisfy the
	// trigger type's payload_schema, and the bus's error when publishing
	// fails.
	Dispatch(ctx context.Context, t bus.Trigger, payload any) error
	// Report records a problem that does not stop the sensor (an invalid
	// line of output, a failed poll); it shows in the sensor's Status.
	Report(err error)
}

// Dispatcher publishes trigger instances for sensors; Output.Dispatch
// goes through it. Implementations are safe for concurrent use.
type Dispatcher interface {
	Dispatch(ctx context.Context, t bus.Trigger, payload any) error
}
