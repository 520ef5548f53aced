package main

import (
	"context"
	"fmt"

	"github.com/stormless/stormless/internal/sensor"
	"github.com/stormless/stormless/internal/sensor/packsensors"
)

// startSensors starts the sensors of the loaded packs, publishing to the
// engine, under runCtx. A sensor that cannot start is reported on errOut
// and listed failed by GET /api/v1/sensortypes; it does not stop up.
func (rt *upRuntime) startSensors(runCtx context.Context, opts ...packsensors.Option) error {
	r, err := packsensors.Start(runCtx, rt.engine.Packs(), rt.engine, opts...)
	if err != nil {
		return err
	}
	rt.sensors = r
	for _, t := range r.Types() {
		if t.Status.State == sensor.StateFailed {
			fmt.Fprintf(rt.errOut, "stormless: sensor %s not started: %s\n", t.Ref, t.Status.LastError)
		}
	}
	return nil
}

// stopSensors stops the sensors, if started, before the engine closes.
func (rt *upRuntime) stopSensors() {
	if rt.sensors != nil {
		rt.sensors.Close()
	}
}
