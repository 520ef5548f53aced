package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/stormless/stormless/internal/client"
)

func newWebhookCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "webhook",
		Short: "Post to the server's webhooks",
	}
	post := &cobra.Command{
		Use:   "post URL [JSON]",
		Short: "Post a JSON body to webhook URL (/api/v1/webhooks/URL) and print the trigger instance",
		Long: `Post sends JSON (the argument, @FILE for a file's content, or - or nothing
for standard input) to /api/v1/webhooks/URL, which rules on core.st2.webhook
with parameter url: URL listen to. URL "st2" is StackStorm's generic webhook:
its body is {"trigger": "TYPE", "payload": {...}}.`,
		Example: `  stormless webhook post sample '{"name": "Ada"}'
  stormless webhook post st2 '{"trigger": "core.st2.webhook", "payload": {}}'
  echo '{"name": "Ada"}' | stormless webhook post sample -`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			body, err := webhookBody(cmd.InOrStdin(), args[1:])
			if err != nil {
				return err
			}
			return withClient(cmd, func(ctx context.Context, c *client.Client) error {
				a, err := c.Webhook(ctx, args[0], body)
				if err != nil {
					return err
				}
				return printAccepted(cmd, a)
			})
		},
	}
	addOutputFlag(post)
	cmd.AddCommand(post)
	return cmd
}

// webhookBody reads the body: the argument, @FILE, or standard input for
// "-" or no argument; it must be JSON.
func webhookBody(stdin io.Reader, args []string) ([]byte, error) {
	var b []byte
	var err error
	switch {
	case len(args) == 0 || args[0] == "-":
		b, err = io.ReadAll(io.LimitReader(stdin, 1<<20+1))
	case strings.HasPrefix(args[0], "@"):
		b, err = os.ReadFile(args[0][1:])
	default:
		b = []byte(args[0])
	}
	if err != nil {
		return nil, fmt.Errorf("reading the webhook body: %w", err)
	}
	if len(strings.TrimSpace(string(b))) == 0 {
		b = []byte("{}")
	}
	if !json.Valid(b) {
		return nil, exitWith(2, "the webhook body is not valid JSON")
	}
	return b, nil
}

// printAccepted prints the trigger instance a webhook published.
func printAccepted(cmd *cobra.Command, a client.Accepted) error {
	if !isTableOutput(cmd) {
		return printOutput(cmd, a, table{})
	}
	fmt.Fprintf(cmd.OutOrStdout(), "trigger instance %s (%s)\n", a.TriggerInstanceID, a.Trigger)
	return nil
}
