package client

import (
	"context"
	"net/http"

	"github.com/stormless/stormless/internal/execution"
)

// ReRunTasks runs finished workflow execution id again from tasks, with
// its original parameters (st2 execution re-run --tasks), and returns the
// new execution once recorded.
func (c *Client) ReRunTasks(ctx context.Context, id string, tasks []string) (execution.Execution, error) {
	return call[execution.Execution](ctx, c, request{method: http.MethodPost, path: apiPath("executions", id, "re_run"),
		body: map[string]any{"tasks": tasks}})
}
