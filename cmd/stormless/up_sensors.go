package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/param"
	"github.com/stormless/stormless/internal/sensor"
	"github.com/stormless/stormless/internal/sensor/packsensors"
)

// sensorReloadCheck is how often up looks for reloaded packs, whose
// sensors replace the running ones.
const sensorReloadCheck = time.Second

// sensorHost runs the sensors of the engine's current packs: when the
// packs are reloaded (POST /api/v1/packs/reload), it stops the old
// sensors and starts the new ones. It is safe for concurrent use and is
// the API's sensor lister.
type sensorHost struct {
	rt   *upRuntime
	opts []packsensors.Option

	mu     sync.Mutex
	set    *pack.Set
	runner *packsensors.Runner
	stop   context.CancelFunc
	done   chan struct{}
}

// startSensors starts the sensors of the loaded packs, publishing to the
// engine, under runCtx, and follows pack reloads. A sensor that cannot
// start is reported on errOut and listed failed by GET
// /api/v1/sensortypes; it does not stop up.
func (rt *upRuntime) startSensors(runCtx context.Context, opts ...packsensors.Option) error {
	opts = append([]packsensors.Option{packsensors.WithRenderer(rt.renderSecret)}, opts...)
	h := &sensorHost{rt: rt, opts: opts, done: make(chan struct{})}
	if err := h.restart(runCtx, rt.engine.Packs()); err != nil {
		return err
	}
	ctx, stop := context.WithCancel(runCtx)
	h.stop = stop
	go h.follow(ctx)
	rt.sensors = h
	return nil
}

// renderSecret renders the templates in a built-in sensor's trigger
// parameter (st2kv.system.k | decrypt_kv) from the datastore, where the
// sensor uses it: trigger instances record the template, not the secret.
func (rt *upRuntime) renderSecret(ctx context.Context, value string) (string, error) {
	v, err := param.RenderWith(ctx, value, param.Context{Datastore: rt.kv})
	if err != nil {
		return "", err
	}
	s, ok := v.(string)
	if !ok {
		return fmt.Sprint(v), nil
	}
	return s, nil
}

// restart replaces the running sensors with those of set.
func (h *sensorHost) restart(ctx context.Context, set *pack.Set) error {
	r, err := packsensors.Start(ctx, set, h.rt.engine, h.opts...)
	if err != nil {
		return err
	}
	for _, t := range r.Types() {
		if t.Status.State == sensor.StateFailed {
			fmt.Fprintf(h.rt.errOut, "stormless: sensor %s not started: %s\n", t.Ref, t.Status.LastError)
		}
	}
	h.mu.Lock()
	old := h.runner
	h.set, h.runner = set, r
	h.mu.Unlock()
	if old != nil {
		old.Close()
	}
	return nil
}

// follow restarts the sensors whenever the engine's packs change, until
// ctx is done.
func (h *sensorHost) follow(ctx context.Context) {
	defer close(h.done)
	t := time.NewTicker(sensorReloadCheck)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		h.mu.Lock()
		changed := h.rt.engine.Packs() != h.set
		h.mu.Unlock()
		if !changed {
			continue
		}
		if err := h.restart(ctx, h.rt.engine.Packs()); err != nil {
			fmt.Fprintln(h.rt.errOut, "stormless: restarting sensors after a reload:", err)
		}
	}
}

// Types lists the current sensors (api.SensorLister).
func (h *sensorHost) Types() []sensor.Type {
	h.mu.Lock()
	r := h.runner
	h.mu.Unlock()
	return r.Types()
}

// close stops following reloads and stops the sensors.
func (h *sensorHost) close() {
	h.stop()
	<-h.done
	h.mu.Lock()
	r := h.runner
	h.mu.Unlock()
	r.Close()
}

// stopSensors stops the sensors, if started, before the engine closes.
func (rt *upRuntime) stopSensors() {
	if rt.sensors != nil {
		rt.sensors.close()
	}
}
