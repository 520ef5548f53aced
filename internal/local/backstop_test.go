package local

import (
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/execution"
)

func TestBackstopRule(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	webhook(t, e, "hello", map[string]any{"name": "Ada"}) // the standard rule takes it
	webhook(t, e, "hello", map[string]any{"other": 1})    // no standard rule does
	x := waitFinal(t, e, execution.ExecutionQuery{Rule: "t.backstop"})
	if !strings.Contains(string(x.Result), "backstop") {
		t.Errorf("got result %s, want the backstop's echo", x.Result)
	}
	waitFinal(t, e, execution.ExecutionQuery{Rule: "t.echo_on_webhook"})
	time.Sleep(200 * time.Millisecond)
	page, err := e.Store().ListExecutions(t.Context(), execution.ExecutionQuery{Rule: "t.backstop"})
	if err != nil || len(page.Items) != 1 {
		t.Errorf("got %d backstop executions (%v), want 1", len(page.Items), err)
	}
}
