package local

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/execution"
)

func TestAWSServiceEvent(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	ev := bus.Event{Version: "0", ID: "6a7e8feb-b491-4cf7-a9f1-bf3703467718", Source: "aws.ec2",
		DetailType: "EC2 Instance State-change Notification", Time: time.Now().UTC(), Region: "us-east-1", Account: "123456789012",
		Detail: json.RawMessage(`{"instance-id": "i-1234", "state": "stopped"}`)}
	if err := e.Publish(t.Context(), ev); err != nil {
		t.Fatal(err)
	}
	x := waitFinal(t, e, execution.ExecutionQuery{Rule: "t.on_ec2_stop"})
	if !strings.Contains(string(x.Result), "stopped i-1234") {
		t.Errorf("got result %s, want the instance id echoed", x.Result)
	}
	ti, err := e.Store().GetTriggerInstance(t.Context(), ev.ID)
	if err != nil || ti.Trigger != "aws.events" {
		t.Errorf("got trigger instance %+v (%v), want an aws.events one", ti, err)
	}
}
