package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/stormless/stormless/internal/client"
	"github.com/stormless/stormless/internal/execution"
)

func newTriggerInstanceCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "trigger-instance",
		Aliases: []string{"trigger-instances"},
		Short:   "List, inspect and re-emit trigger instances on the server",
		Long: `A trigger instance is one occurrence of a trigger (a webhook call, a timer
firing...) that rules were matched against.`,
	}
	cmd.AddCommand(newTriggerInstanceListCmd(), newTriggerInstanceGetCmd(), newTriggerInstanceReEmitCmd())
	return cmd
}

func newTriggerInstanceListCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List trigger instances, newest first",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, err := pagingFlags(cmd)
			if err != nil {
				return err
			}
			f := client.TriggerInstanceFilter{Paging: p}
			f.Trigger, _ = cmd.Flags().GetString("trigger")
			status, _ := cmd.Flags().GetString("status")
			f.Status = execution.TriggerInstanceStatus(status)
			return withClient(cmd, func(ctx context.Context, c *client.Client) error {
				page, err := c.TriggerInstances(ctx, f)
				if err != nil {
					return err
				}
				t := table{header: []string{"id", "trigger", "occurred", "status"}}
				for _, ti := range page.Items {
					t.rows = append(t.rows, []string{ti.ID, ti.Trigger, timeText(ti.OccurrenceTime), string(ti.Status)})
				}
				noteMore(cmd, page.Next, p, len(page.Items))
				return printOutput(cmd, page.Items, t)
			})
		},
	}
	cmd.Flags().String("trigger", "", "only instances of this trigger type, such as core.st2.webhook")
	cmd.Flags().String("status", "", "only instances in this status: pending, processing, processed, processing_failed")
	addPagingFlags(cmd)
	addOutputFlag(cmd)
	return cmd
}

func newTriggerInstanceGetCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "get ID",
		Short: "Show one trigger instance with its payload",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withClient(cmd, func(ctx context.Context, c *client.Client) error {
				ti, err := c.TriggerInstance(ctx, args[0])
				if err != nil || !isTableOutput(cmd) {
					return firstErr(err, func() error { return printOutput(cmd, ti, table{}) })
				}
				w := cmd.OutOrStdout()
				printFields(w, [][2]string{{"id", ti.ID}, {"trigger", ti.Trigger},
					{"occurred", timeText(ti.OccurrenceTime)}, {"status", string(ti.Status)}})
				return printNamedResult(w, "payload", ti.Payload)
			})
		},
	}
	addOutputFlag(cmd)
	return cmd
}

func newTriggerInstanceReEmitCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "re-emit ID",
		Short: "Publish a trigger instance's payload again, as a new trigger instance",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withClient(cmd, func(ctx context.Context, c *client.Client) error {
				re, err := c.ReEmit(ctx, args[0])
				if err != nil || !isTableOutput(cmd) {
					return firstErr(err, func() error { return printOutput(cmd, re, table{}) })
				}
				fmt.Fprintf(cmd.OutOrStdout(), "trigger instance %s (re-emit of %s)\n", re.TriggerInstanceID, args[0])
				return nil
			})
		},
	}
	addOutputFlag(cmd)
	return cmd
}

// firstErr returns err when not nil, else print's error.
func firstErr(err error, print func() error) error {
	if err != nil {
		return err
	}
	return print()
}

func newRuleEnforcementCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "rule-enforcement",
		Aliases: []string{"rule-enforcements"},
		Short:   "List rule enforcements on the server: which rule matched which trigger instance, and what it ran",
	}
	cmd.AddCommand(newRuleEnforcementListCmd())
	return cmd
}

func newRuleEnforcementListCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List rule enforcements, newest first",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, err := pagingFlags(cmd)
			if err != nil {
				return err
			}
			f := client.EnforcementFilter{Paging: p}
			f.Rule, _ = cmd.Flags().GetString("rule")
			f.TriggerInstance, _ = cmd.Flags().GetString("trigger-instance")
			f.Execution, _ = cmd.Flags().GetString("execution")
			return withClient(cmd, func(ctx context.Context, c *client.Client) error {
				page, err := c.Enforcements(ctx, f)
				if err != nil {
					return err
				}
				t := table{header: []string{"id", "rule", "trigger instance", "execution", "status", "enforced", "failure"}}
				for _, e := range page.Items {
					t.rows = append(t.rows, []string{e.ID, e.Rule.Ref, e.TriggerInstanceID, e.ExecutionID,
						string(e.Status), timeText(e.EnforcedAt), oneLine(e.FailureReason, 60)})
				}
				noteMore(cmd, page.Next, p, len(page.Items))
				return printOutput(cmd, page.Items, t)
			})
		},
	}
	cmd.Flags().String("rule", "", "only enforcements of this rule ref")
	cmd.Flags().String("trigger-instance", "", "only enforcements of this trigger instance id")
	cmd.Flags().String("execution", "", "only the enforcement that started this execution id")
	addPagingFlags(cmd)
	addOutputFlag(cmd)
	return cmd
}

func newTraceCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "trace",
		Aliases: []string{"traces"},
		Short:   "Follow chains of causes on the server: trigger instance -> rule -> executions",
	}
	cmd.AddCommand(newTraceGetCmd(), newTraceListCmd())
	return cmd
}

func newTraceGetCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "get ID",
		Short: "Show one trace: its trigger instances, rules and executions, each with its cause",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withClient(cmd, func(ctx context.Context, c *client.Client) error {
				tr, err := c.Trace(ctx, args[0])
				if err != nil {
					return err
				}
				if isTableOutput(cmd) {
					printFields(cmd.OutOrStdout(), [][2]string{{"id", tr.ID}, {"trace tag", tr.TraceTag},
						{"started", timeText(tr.StartTimestamp)}})
				}
				return printOutput(cmd, tr, traceTable(tr))
			})
		},
	}
	addOutputFlag(cmd)
	return cmd
}

func newTraceListCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List traces, newest first",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, err := pagingFlags(cmd)
			if err != nil {
				return err
			}
			tag, _ := cmd.Flags().GetString("trace-tag")
			return withClient(cmd, func(ctx context.Context, c *client.Client) error {
				page, err := c.Traces(ctx, client.TraceFilter{TraceTag: tag, Paging: p})
				if err != nil {
					return err
				}
				t := table{header: []string{"id", "trace tag", "started", "trigger instances", "rules", "executions"}}
				for _, tr := range page.Items {
					t.rows = append(t.rows, []string{tr.ID, tr.TraceTag, timeText(tr.StartTimestamp),
						fmt.Sprint(len(tr.TriggerInstances)), fmt.Sprint(len(tr.Rules)), fmt.Sprint(len(tr.ActionExecutions))})
				}
				noteMore(cmd, page.Next, p, len(page.Items))
				return printOutput(cmd, page.Items, t)
			})
		},
	}
	cmd.Flags().String("trace-tag", "", "only traces with this tag")
	addPagingFlags(cmd)
	addOutputFlag(cmd)
	return cmd
}

// traceTable lists a trace's components with their causes.
func traceTable(tr execution.Trace) table {
	t := table{header: []string{"kind", "id", "ref", "caused by", "updated"}}
	add := func(kind string, cs []execution.TraceComponent) {
		for _, c := range cs {
			cause := ""
			if c.CausedBy != nil {
				cause = c.CausedBy.Type + " " + c.CausedBy.ID
			}
			t.rows = append(t.rows, []string{kind, c.ObjectID, c.Ref, cause, timeText(c.UpdatedAt)})
		}
	}
	add("trigger instance", tr.TriggerInstances)
	add("rule", tr.Rules)
	add("execution", tr.ActionExecutions)
	return t
}
