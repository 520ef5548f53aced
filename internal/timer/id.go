package timer

import (
	"encoding/json"
	"fmt"

	"github.com/stormless/stormless/internal/bus"
)

// ID identifies a timer by trigger type and parameters: the type followed
// by the parameters as JSON with sorted keys, such as
// core.st2.IntervalTimer{"delta":5,"unit":"seconds"}. Rules declaring the
// same parameters share the timer.
func ID(t bus.Trigger) (string, error) {
	params := t.Parameters
	if params == nil {
		params = map[string]any{}
	}
	raw, err := json.Marshal(params)
	if err != nil {
		return "", fmt.Errorf("encoding parameters of %s: %w", t.Type, err)
	}
	return t.Type + string(raw), nil
}
