package sensor

import "time"

// State is where a supervised sensor is in its life.
type State string

// Sensor states.
const (
	// StateRunning: Run is executing.
	StateRunning State = "running"
	// StateFailing: Run returned early; a restart is scheduled.
	StateFailing State = "failing"
	// StateStopped: the sensor was stopped and will not restart.
	StateStopped State = "stopped"
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
