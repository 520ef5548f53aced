package api

import (
	"errors"
	"net/http"

	"github.com/stormless/stormless/internal/sensor"
)

// SensorLister lists the sensors a runtime runs, each with its status
// (running, failing with its last error and restart count, failed to
// start, disabled, idle). Implementations are safe for concurrent use;
// packsensors.Runner is one.
type SensorLister interface {
	Types() []sensor.Type
}

// WithSensors serves GET /api/v1/sensortypes (optionally ?pack=) and
// GET /api/v1/sensortypes/{ref} from s: StackStorm's SensorType shape
// plus "builtin" and "status", so a sensor that fails is visible.
// Without it those paths answer 404.
func WithSensors(s SensorLister) Option {
	return func(h *Handler) error {
		if s == nil {
			return errors.New("nil sensor lister")
		}
		h.mux.HandleFunc("GET /api/v1/sensortypes", func(w http.ResponseWriter, r *http.Request) { listSensorTypes(w, r, s) })
		h.mux.HandleFunc("GET /api/v1/sensortypes/{ref}", func(w http.ResponseWriter, r *http.Request) { getSensorType(w, r, s) })
		return nil
	}
}

// listSensorTypes serves GET /api/v1/sensortypes.
func listSensorTypes(w http.ResponseWriter, r *http.Request, s SensorLister) {
	packRef := r.URL.Query().Get("pack")
	out := []sensor.Type{}
	for _, t := range s.Types() {
		if packRef == "" || t.Pack == packRef {
			out = append(out, t)
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// getSensorType serves GET /api/v1/sensortypes/{ref}.
func getSensorType(w http.ResponseWriter, r *http.Request, s SensorLister) {
	ref := r.PathValue("ref")
	for _, t := range s.Types() {
		if t.Ref == ref {
			writeJSON(w, http.StatusOK, t)
			return
		}
	}
	writeFault(w, http.StatusNotFound, "sensor type "+ref+" not found")
}
