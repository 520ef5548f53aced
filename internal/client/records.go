package client

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/stormless/stormless/internal/execution"
)

// TriggerInstanceFilter narrows TriggerInstances; zero fields do not filter.
type TriggerInstanceFilter struct {
	Trigger string
	Status  execution.TriggerInstanceStatus
	Paging
}

// TriggerInstances lists trigger instances, newest first.
func (c *Client) TriggerInstances(ctx context.Context, f TriggerInstanceFilter) (Page[execution.TriggerInstance], error) {
	q := optional("trigger", f.Trigger, "status", string(f.Status))
	return list[execution.TriggerInstance](ctx, c, apiPath("triggerinstances"), q, f.Paging)
}

// TriggerInstance returns trigger instance id; a 404 *Error when there is
// none.
func (c *Client) TriggerInstance(ctx context.Context, id string) (execution.TriggerInstance, error) {
	return getJSON[execution.TriggerInstance](ctx, c, apiPath("triggerinstances", id), nil)
}

// Accepted is the server's answer to a webhook: the trigger type and the
// new trigger instance's id.
type Accepted struct {
	Trigger           string `json:"trigger"`
	TriggerInstanceID string `json:"trigger_instance_id"`
}

// ReEmitted is the server's answer to a re-emit, StackStorm's shape: a
// message, the payload published (with __context.original_id naming the
// copied instance) and the new trigger instance's id.
type ReEmitted struct {
	Message           string          `json:"message"`
	Payload           json.RawMessage `json:"payload"`
	TriggerInstanceID string          `json:"trigger_instance_id"`
}

// ReEmit publishes trigger instance id again, as StackStorm's re_emit
// does, and returns the new trigger instance's id; a 404 *Error when there
// is no instance id.
func (c *Client) ReEmit(ctx context.Context, id string) (ReEmitted, error) {
	return call[ReEmitted](ctx, c, request{method: http.MethodPost, path: apiPath("triggerinstances", id, "re_emit")})
}

// EnforcementFilter narrows Enforcements; zero fields do not filter.
type EnforcementFilter struct {
	Rule            string
	TriggerInstance string
	Execution       string
	Paging
}

// Enforcements lists rule enforcements, newest first.
func (c *Client) Enforcements(ctx context.Context, f EnforcementFilter) (Page[execution.Enforcement], error) {
	q := optional("rule_ref", f.Rule, "trigger_instance", f.TriggerInstance, "execution", f.Execution)
	return list[execution.Enforcement](ctx, c, apiPath("ruleenforcements"), q, f.Paging)
}

// Enforcement returns rule enforcement id; a 404 *Error when there is
// none.
func (c *Client) Enforcement(ctx context.Context, id string) (execution.Enforcement, error) {
	return getJSON[execution.Enforcement](ctx, c, apiPath("ruleenforcements", id), nil)
}

// TraceFilter narrows Traces.
type TraceFilter struct {
	TraceTag string
	Paging
}

// Traces lists traces, newest first.
func (c *Client) Traces(ctx context.Context, f TraceFilter) (Page[execution.Trace], error) {
	return list[execution.Trace](ctx, c, apiPath("traces"), optional("trace_tag", f.TraceTag), f.Paging)
}

// Trace returns trace id; a 404 *Error when there is none.
func (c *Client) Trace(ctx context.Context, id string) (execution.Trace, error) {
	return getJSON[execution.Trace](ctx, c, apiPath("traces", id), nil)
}

// InquiryFilter narrows Inquiries: Status is pending when empty (as
// StackStorm lists), or "all".
type InquiryFilter struct {
	Status string
	Paging
}

// Inquiries lists inquiries, newest first.
func (c *Client) Inquiries(ctx context.Context, f InquiryFilter) (Page[execution.Inquiry], error) {
	return list[execution.Inquiry](ctx, c, apiPath("inquiries"), optional("status", f.Status), f.Paging)
}

// Inquiry returns inquiry id; a 404 *Error when there is none.
func (c *Client) Inquiry(ctx context.Context, id string) (execution.Inquiry, error) {
	return getJSON[execution.Inquiry](ctx, c, apiPath("inquiries", id), nil)
}

// Respond answers pending inquiry id; a 400 *Error when response fails the
// inquiry's schema, 409 when it is no longer pending.
func (c *Client) Respond(ctx context.Context, id string, response map[string]any) error {
	if response == nil {
		response = map[string]any{}
	}
	_, err := c.do(ctx, request{method: http.MethodPut, path: apiPath("inquiries", id),
		body: map[string]any{"id": id, "response": response}}, nil)
	return err
}
