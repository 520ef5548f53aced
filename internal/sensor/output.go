package sensor

import (
	"context"
	"time"

	"github.com/stormless/stormless/internal/bus"
)

// output is the Output of one supervised sensor.
type output struct {
	d   Dispatcher
	sup *supervised
	now func() time.Time
}

// Dispatch dispatches through the supervisor's Dispatcher, counting
// successes in the sensor's status.
func (o output) Dispatch(ctx context.Context, t bus.Trigger, payload any) error {
	err := o.d.Dispatch(ctx, t, payload)
	if err == nil {
		o.sup.update(func(st *Status) { st.Dispatched++ })
	}
	return err
}

// Report records err as the sensor's last problem.
func (o output) Report(err error) {
	if err == nil {
		return
	}
	now := o.now()
	o.sup.update(func(st *Status) { st.Problems++; st.LastError, st.LastErrorAt = err.Error(), now })
}
