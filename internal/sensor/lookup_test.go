package sensor_test

import (
	"testing"

	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/sensor"
	"github.com/stormless/stormless/internal/sensor/filewatch"
	"github.com/stormless/stormless/internal/sensor/httppoll"
)

func TestLookup(t *testing.T) {
	set, err := pack.Load()
	if err != nil {
		t.Fatal(err)
	}
	lookup := sensor.Lookup(set, filewatch.TriggerTypeDef(), httppoll.TriggerTypeDef())
	for _, ref := range []string{"core.st2.webhook", filewatch.TriggerType, httppoll.TriggerType} {
		if _, ok := lookup(ref); !ok {
			t.Errorf("%s: got not found, want found", ref)
		}
	}
	if _, ok := lookup("nope.nothing"); ok {
		t.Errorf("got found, want not found")
	}
}
