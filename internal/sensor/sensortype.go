package sensor

// Type is a sensor as the API lists it: StackStorm's SensorType resource
// (/api/v1/sensortypes) plus whether it is built into Stormless and its
// Status.
type Type struct {
	ID           string   `json:"id"`
	UID          string   `json:"uid"`
	Ref          string   `json:"ref"`
	Pack         string   `json:"pack"`
	Name         string   `json:"name"`
	Description  string   `json:"description,omitempty"`
	ClassName    string   `json:"class_name,omitempty"`
	EntryPoint   string   `json:"entry_point,omitempty"`
	ArtifactURI  string   `json:"artifact_uri,omitempty"`
	PollInterval int      `json:"poll_interval,omitempty"`
	Enabled      bool     `json:"enabled"`
	TriggerTypes []string `json:"trigger_types"`
	// Builtin marks a sensor implemented inside Stormless.
	Builtin bool   `json:"builtin"`
	Status  Status `json:"status"`
}
