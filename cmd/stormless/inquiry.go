package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/stormless/stormless/internal/client"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/pack"
)

// inquiryStatuses are the values inquiry list --status takes.
var inquiryStatuses = []string{string(execution.InquiryPending), string(execution.InquirySucceeded),
	string(execution.InquiryTimeout), string(execution.InquiryCanceled), "all"}

func newInquiryCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "inquiry",
		Aliases: []string{"inquiries"},
		Short:   "List and answer the questions paused workflows ask (core.ask)",
	}
	cmd.AddCommand(newInquiryListCmd(), newInquiryGetCmd(), newInquiryRespondCmd())
	return cmd
}

func newInquiryListCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List inquiries, newest first: pending ones unless --status says otherwise",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, err := pagingFlags(cmd)
			if err != nil {
				return err
			}
			status, _ := cmd.Flags().GetString("status")
			if status != "" && !slices.Contains(inquiryStatuses, status) {
				return usageError(cmd, fmt.Errorf("unknown --status %q: use one of %s", status, strings.Join(inquiryStatuses, ", ")))
			}
			return withClient(cmd, func(ctx context.Context, c *client.Client) error {
				page, err := c.Inquiries(ctx, client.InquiryFilter{Status: status, Paging: p})
				if err != nil {
					return err
				}
				t := table{header: []string{"id", "status", "route", "ttl (min)", "asked", "responded by"}}
				for _, q := range page.Items {
					t.rows = append(t.rows, []string{q.ID, string(q.Status), q.Route, fmt.Sprint(q.TTL), timeText(q.CreatedAt), q.RespondedBy})
				}
				noteMore(cmd, page.Next, p, len(page.Items))
				return printOutput(cmd, page.Items, t)
			})
		},
	}
	cmd.Flags().String("status", "", "pending (default), succeeded, timeout, canceled or all")
	addPagingFlags(cmd)
	addOutputFlag(cmd)
	return cmd
}

func newInquiryGetCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "get ID",
		Short: "Show one inquiry with the schema its response must satisfy",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withClient(cmd, func(ctx context.Context, c *client.Client) error {
				q, err := c.Inquiry(ctx, args[0])
				if err != nil || !isTableOutput(cmd) {
					return firstErr(err, func() error { return printOutput(cmd, q, table{}) })
				}
				w := cmd.OutOrStdout()
				printFields(w, [][2]string{{"id", q.ID}, {"status", string(q.Status)}, {"route", q.Route},
					{"asked", timeText(q.CreatedAt)}, {"responded by", q.RespondedBy}})
				if err := printNamedResult(w, "schema", q.Schema); err != nil {
					return err
				}
				return printNamedResult(w, "response", q.Response)
			})
		},
	}
	addOutputFlag(cmd)
	return cmd
}

func newInquiryRespondCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "respond ID [NAME=VALUE...]",
		Short: "Answer a pending inquiry; its workflow goes on",
		Long: `Respond answers inquiry ID with NAME=VALUE pairs, each cast by the type the
inquiry's schema gives NAME (as stormless run casts parameters), or with a
whole JSON object in --response. The server checks the answer against the
schema and refuses one that does not satisfy it.`,
		Example: `  stormless inquiry respond 6650b1... approved=true
  stormless inquiry respond 6650b1... -r '{"approved": true, "reason": "ok"}'`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			raw, _ := cmd.Flags().GetString("response")
			if raw != "" && len(args) > 1 {
				return exitWith(2, "give NAME=VALUE pairs or --response, not both")
			}
			return withClient(cmd, func(ctx context.Context, c *client.Client) error {
				response, err := inquiryResponse(ctx, c, args[0], raw, args[1:])
				if err != nil {
					return err
				}
				if err := c.Respond(ctx, args[0], response); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Responded to inquiry %s\n", args[0])
				return nil
			})
		},
	}
	cmd.Flags().StringP("response", "r", "", "the whole response as a JSON object")
	return cmd
}

// inquiryResponse reads a response from raw JSON, or from NAME=VALUE pairs
// cast by the inquiry's schema.
func inquiryResponse(ctx context.Context, c *client.Client, id, raw string, pairs []string) (map[string]any, error) {
	if raw != "" {
		var m map[string]any
		if err := json.Unmarshal([]byte(raw), &m); err != nil || m == nil {
			return nil, exitWith(2, fmt.Sprintf("--response: want a JSON object (%v)", err))
		}
		return m, nil
	}
	if len(pairs) == 0 {
		return nil, exitWith(2, "give the response as NAME=VALUE pairs or --response JSON")
	}
	q, err := c.Inquiry(ctx, id)
	if err != nil {
		return nil, err
	}
	params := schemaParams(q.Schema)
	out := map[string]any{}
	for _, p := range pairs {
		if !strings.Contains(p, "=") {
			return nil, exitWith(2, fmt.Sprintf("argument %q: give NAME=VALUE", p))
		}
		m, err := parseParams([]string{p}, params)
		if err != nil {
			return nil, exitWith(2, err.Error())
		}
		for k, v := range m {
			out[k] = v
		}
	}
	return out, nil
}

// schemaParams returns the types of an object schema's properties as
// parameters, for casting.
func schemaParams(schema json.RawMessage) map[string]*pack.Param {
	var s struct {
		Properties map[string]struct {
			Type any `json:"type"`
		} `json:"properties"`
	}
	_ = json.Unmarshal(schema, &s) // no schema: values stay strings
	params := map[string]*pack.Param{}
	for name, p := range s.Properties {
		params[name] = &pack.Param{Name: name, Type: p.Type}
	}
	return params
}
