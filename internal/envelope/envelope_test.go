package envelope

import (
	"reflect"
	"testing"
)

func TestNewAndPayload(t *testing.T) {
	ev := New("core.st2.webhook", map[string]any{"url": "sample"}, map[string]any{"body": 1})
	if ev["source"] != "stormless.core" || ev["detail-type"] != "core.st2.webhook" {
		t.Errorf("got source %v detail-type %v", ev["source"], ev["detail-type"])
	}
	trig := ev["detail"].(map[string]any)["trigger"]
	if want := map[string]any{"type": "core.st2.webhook", "parameters": map[string]any{"url": "sample"}}; !reflect.DeepEqual(trig, want) {
		t.Errorf("got detail.trigger %v, want %v", trig, want)
	}
	p, ok := Payload("core.st2.webhook", ev)
	if !ok || !reflect.DeepEqual(p, map[string]any{"body": 1}) {
		t.Errorf("got payload %v %v", p, ok)
	}
	if params := New("x.y", nil, nil)["detail"].(map[string]any)["trigger"].(map[string]any)["parameters"]; params == nil {
		t.Error("nil parameters should become an empty object")
	}
}

func TestAWSEventsAreCarriedAsTheyAre(t *testing.T) {
	aws := map[string]any{"source": "aws.ec2", "detail": map[string]any{"state": "running"}}
	if got := New(AWSEventsTrigger, nil, aws); !reflect.DeepEqual(got, aws) {
		t.Errorf("got %v, want the event itself", got)
	}
	if p, ok := Payload(AWSEventsTrigger, aws); !ok || !reflect.DeepEqual(p, aws) {
		t.Errorf("got payload %v", p)
	}
	if _, ok := Payload("core.st2.webhook", map[string]any{"detail": map[string]any{}}); ok {
		t.Error("an event without detail.payload has no payload")
	}
}
