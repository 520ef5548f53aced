package packsensors

import (
	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/sensor"
	"github.com/stormless/stormless/internal/sensor/filewatch"
	"github.com/stormless/stormless/internal/sensor/httppoll"
	"github.com/stormless/stormless/internal/timer"
)

// Builtin is a sensor implemented in Stormless.
type Builtin struct {
	// Ref is the sensor ref: <pack>.<class_name>.
	Ref         string
	Description string
	// TriggerType is the trigger type it dispatches; Def defines it for
	// validation when no loaded pack does.
	TriggerType string
	Def         *pack.TriggerType
	// Implicit sensors run without a pack declaring them.
	Implicit bool
	// New builds the sensor for the triggers rules declare.
	New func(triggers []bus.Trigger, env Env) (sensor.Sensor, error)
}

// Env is what a built-in sensor gets from its host: the clock it polls
// on, and the renderer of templates in its trigger parameters (nil: used
// as written).
type Env struct {
	Clock  timer.Clock
	Render httppoll.Renderer
}

// Builtins are the built-in sensors, by ref.
var Builtins = map[string]Builtin{
	"linux.FileWatchSensor": {
		Ref: "linux.FileWatchSensor", TriggerType: filewatch.TriggerType, Def: filewatch.TriggerTypeDef(),
		Description: "Dispatches linux.file_watch.line for each line appended to the files rules name.",
		New: func(tr []bus.Trigger, env Env) (sensor.Sensor, error) {
			return filewatch.New(tr, filewatch.WithClock(env.Clock))
		},
	},
	"core.HttpPollSensor": {
		Ref: "core.HttpPollSensor", TriggerType: httppoll.TriggerType, Def: httppoll.TriggerTypeDef(), Implicit: true,
		Description: "Dispatches core.http_poll when the status or body of a URL rules name changes.",
		New: func(tr []bus.Trigger, env Env) (sensor.Sensor, error) {
			return httppoll.New(tr, httppoll.WithClock(env.Clock), httppoll.WithRenderer(env.Render))
		},
	},
}

// triggerDefs are the trigger type definitions of the built-in sensors.
func triggerDefs() []*pack.TriggerType {
	var out []*pack.TriggerType
	for _, b := range Builtins {
		out = append(out, b.Def)
	}
	return out
}
