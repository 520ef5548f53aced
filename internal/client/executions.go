package client

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/stormless/stormless/internal/execution"
)

// Page is one page of a listing: its items, and the marker of the next
// page (empty on the last one).
type Page[T any] struct {
	Items []T
	Next  string
}

// Paging selects a page of a listing: at most Limit records (the server's
// default when 0), after skipping Offset, from Marker (the Next of an
// earlier page) when not empty.
type Paging struct {
	Limit  int
	Offset int
	Marker string
}

// set adds p to q.
func (p Paging) set(q url.Values) {
	if p.Limit > 0 {
		q.Set("limit", strconv.Itoa(p.Limit))
	}
	if p.Offset > 0 {
		q.Set("offset", strconv.Itoa(p.Offset))
	}
	if p.Marker != "" {
		q.Set("marker", p.Marker)
	}
}

// list GETs one page of a listing.
func list[T any](ctx context.Context, c *Client, path string, q url.Values, p Paging) (Page[T], error) {
	p.set(q)
	var items []T
	h, err := c.get(ctx, path, q, &items)
	if err != nil {
		return Page[T]{}, err
	}
	if items == nil {
		items = []T{}
	}
	return Page[T]{Items: items, Next: h.Get("X-Next-Marker")}, nil
}

// ExecutionFilter narrows Executions; zero fields do not filter.
type ExecutionFilter struct {
	Action      string
	Status      execution.Status
	Rule        string
	TriggerType string
	// Parent is a workflow execution's id, or "null" for top-level
	// executions only.
	Parent string
	// ExcludeResult leaves each record's result out, for smaller pages.
	ExcludeResult bool
	Paging
}

// Executions lists executions, newest first.
func (c *Client) Executions(ctx context.Context, f ExecutionFilter) (Page[execution.Execution], error) {
	q := optional("action", f.Action, "status", string(f.Status), "rule", f.Rule,
		"trigger_type", f.TriggerType, "parent", f.Parent)
	if f.ExcludeResult {
		q.Set("exclude_attributes", "result")
	}
	return list[execution.Execution](ctx, c, apiPath("executions"), q, f.Paging)
}

// Execution returns execution id; a 404 *Error when there is none.
func (c *Client) Execution(ctx context.Context, id string) (execution.Execution, error) {
	return getJSON[execution.Execution](ctx, c, apiPath("executions", id), nil)
}

// Run starts action ref with params and returns the execution as first
// recorded. The server refuses (400) an unknown action or parameters that
// fail its schema, and starts nothing then.
func (c *Client) Run(ctx context.Context, ref string, params map[string]any) (execution.Execution, error) {
	body := map[string]any{"action": ref, "parameters": params}
	return call[execution.Execution](ctx, c, request{method: http.MethodPost, path: apiPath("executions"), body: body})
}

// Output returns what execution id printed so far, as text: both streams,
// or only stream when it is execution.Stdout or execution.Stderr.
func (c *Client) Output(ctx context.Context, id string, stream execution.Stream) (string, error) {
	r := request{method: http.MethodGet, path: apiPath("executions", id, "output"), query: optional("output_type", string(stream))}
	resp, err := c.send(ctx, r)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	return string(b), err
}

// Children returns the task executions of workflow execution id, depth
// levels down (-1 for all), parents before their children.
func (c *Client) Children(ctx context.Context, id string, depth int) ([]execution.Execution, error) {
	return getJSON[[]execution.Execution](ctx, c, apiPath("executions", id, "children"), url.Values{"depth": {strconv.Itoa(depth)}})
}

// Cancel asks execution id to stop and returns it (canceling or
// canceled); a 409 *Error when it already ended.
func (c *Client) Cancel(ctx context.Context, id string) (execution.Execution, error) {
	return call[execution.Execution](ctx, c, request{method: http.MethodDelete, path: apiPath("executions", id)})
}

// ReRun runs execution id's action again with its parameters, those in
// params replacing them, and returns the new execution.
func (c *Client) ReRun(ctx context.Context, id string, params map[string]any) (execution.Execution, error) {
	if params == nil {
		params = map[string]any{}
	}
	return call[execution.Execution](ctx, c, request{method: http.MethodPost, path: apiPath("executions", id, "re_run"),
		body: map[string]any{"parameters": params}})
}

// Pause asks workflow execution id to pause.
func (c *Client) Pause(ctx context.Context, id string) (execution.Execution, error) {
	return c.setStatus(ctx, id, execution.StatusPausing)
}

// Resume resumes paused workflow execution id.
func (c *Client) Resume(ctx context.Context, id string) (execution.Execution, error) {
	return c.setStatus(ctx, id, execution.StatusResuming)
}

// setStatus PUTs {status} to execution id, as StackStorm's pause and resume do.
func (c *Client) setStatus(ctx context.Context, id string, s execution.Status) (execution.Execution, error) {
	return call[execution.Execution](ctx, c, request{method: http.MethodPut, path: apiPath("executions", id),
		body: map[string]any{"status": s}})
}
