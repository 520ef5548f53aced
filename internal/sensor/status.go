package sensor

import "time"

// State is where a sensor is in its life: supervised (running, failing,
// stopped) or listed without running (disabled, failed, idle).
type State string

// States of a supervised sensor.
const (
	// StateRunning: Run is executing.
	StateRunning State = "running"
	// StateFailing: Run returned early; a restart is scheduled.
	StateFailing State = "failing"
	// StateStopped: the sensor was stopped and will not restart.
	StateStopped State = "stopped"
)

// States of a sensor that is not supervised, as listed with its type.
const (
	// StateDisabled: the pack declares the sensor with enabled: false.
	StateDisabled State = "disabled"
	// StateFailed: the sensor could not be started (no executable entry
	// point, no such built-in class); LastError says why.
	StateFailed State = "failed"
	// StateIdle: a built-in sensor no enabled rule gives work to (no rule
	// uses its trigger types), so it does not run.
	StateIdle State = "idle"
)

// Status is what the API shows about one supervised sensor.
type Status struct {
	Name  string `json:"name"`
	State State  `json:"state"`
	// Restarts counts the times Run returned early and was restarted.
	Restarts int `json:"restarts"`
	// LastError is the last failure or reported problem; LastErrorAt when.
	LastError   string    `json:"last_error,omitempty"`
	LastErrorAt time.Time `json:"last_error_at,omitzero"`
	// StartedAt is when Run was last started.
	StartedAt time.Time `json:"started_at,omitzero"`
	// NextRestart is when a failing sensor runs again.
	NextRestart time.Time `json:"next_restart,omitzero"`
	// Dispatched and Problems count trigger instances published and
	// problems reported since the sensor was added.
	Dispatched int64 `json:"dispatched"`
	Problems   int64 `json:"problems"`
}
