package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// Webhook posts body (JSON) to webhook hook, /api/v1/webhooks/<hook>, and
// returns the trigger instance it published; a 404 *Error when no rule
// listens to it. Hook "st2" is StackStorm's generic webhook, whose body is
// {"trigger": TYPE, "payload": {...}}.
func (c *Client) Webhook(ctx context.Context, hook string, body []byte) (Accepted, error) {
	hook = strings.Trim(hook, "/")
	if hook == "" {
		return Accepted{}, fmt.Errorf("posting webhook: empty webhook name")
	}
	if !json.Valid(body) {
		return Accepted{}, fmt.Errorf("posting webhook %s: the body is not valid JSON", hook)
	}
	return call[Accepted](ctx, c, request{method: http.MethodPost, path: apiPath("webhooks", strings.Split(hook, "/")...), body: body})
}
