package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/stormless/stormless/internal/client"
	"github.com/stormless/stormless/internal/execution"
)

func newExecutionCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "execution",
		Aliases: []string{"executions"},
		Short:   "List, inspect, follow and control action executions on the server",
		Long: `Executions are the runs of actions: by a rule, by stormless run, or as the
tasks of a workflow. These commands ask the server (stormless up, or --url).`,
	}
	cmd.AddCommand(newExecutionListCmd(), newExecutionGetCmd(), newExecutionTailCmd(),
		newExecutionCancelCmd(), newExecutionReRunCmd(),
		newExecutionControlCmd("pause", "Pause a running workflow execution", (*client.Client).Pause),
		newExecutionControlCmd("resume", "Resume a paused workflow execution", (*client.Client).Resume))
	return cmd
}

// defaultListLimit is how many records listings show unless --limit says
// otherwise (StackStorm's CLI shows 50).
const defaultListLimit = 50

// addPagingFlags adds --limit (-n) and --offset.
func addPagingFlags(cmd *cobra.Command) {
	cmd.Flags().IntP("limit", "n", defaultListLimit, "show at most this many, newest first")
	cmd.Flags().Int("offset", 0, "skip this many of the newest first")
}

// pagingFlags reads --limit and --offset.
func pagingFlags(cmd *cobra.Command) (client.Paging, error) {
	limit, _ := cmd.Flags().GetInt("limit")
	offset, _ := cmd.Flags().GetInt("offset")
	if limit < 1 || offset < 0 {
		return client.Paging{}, exitWith(2, "--limit must be at least 1 and --offset at least 0")
	}
	return client.Paging{Limit: limit, Offset: offset}, nil
}

// noteMore tells, in table output, that a listing has more records.
func noteMore(cmd *cobra.Command, next string, p client.Paging, shown int) {
	if next != "" && isTableOutput(cmd) {
		fmt.Fprintf(cmd.ErrOrStderr(), "note: only %d shown; --limit and --offset %d show more\n", shown, p.Offset+shown)
	}
}

func newExecutionListCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List executions, newest first",
		Example: `  stormless execution list
  stormless execution list --action examples.greet --status failed -n 10`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, err := pagingFlags(cmd)
			if err != nil {
				return err
			}
			f := client.ExecutionFilter{Paging: p, ExcludeResult: isTableOutput(cmd)}
			f.Action, _ = cmd.Flags().GetString("action")
			status, _ := cmd.Flags().GetString("status")
			f.Status = execution.Status(status)
			f.Rule, _ = cmd.Flags().GetString("rule")
			f.TriggerType, _ = cmd.Flags().GetString("trigger-type")
			f.Parent, _ = cmd.Flags().GetString("parent")
			if f.Status != "" && !f.Status.Valid() {
				names := make([]string, len(execution.Statuses))
				for i, st := range execution.Statuses {
					names[i] = string(st)
				}
				return usageError(cmd, fmt.Errorf("unknown --status %q: use one of %s", status, strings.Join(names, ", ")))
			}
			return withClient(cmd, func(ctx context.Context, c *client.Client) error {
				page, err := c.Executions(ctx, f)
				if err != nil {
					return err
				}
				t := table{header: executionHeader}
				for _, e := range page.Items {
					t.rows = append(t.rows, executionRow(e))
				}
				noteMore(cmd, page.Next, p, len(page.Items))
				return printOutput(cmd, page.Items, t)
			})
		},
	}
	cmd.Flags().String("action", "", "only executions of this action ref")
	cmd.Flags().String("status", "", "only executions in this status (succeeded, failed, running...)")
	cmd.Flags().String("rule", "", "only executions this rule (ref) started")
	cmd.Flags().String("trigger-type", "", "only executions started by a trigger of this type")
	cmd.Flags().String("parent", "", `only the tasks of this workflow execution; "null" for top-level executions only`)
	addPagingFlags(cmd)
	addOutputFlag(cmd)
	return cmd
}

func newExecutionGetCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:               "get ID",
		ValidArgsFunction: completeExecutionIDs,
		Short:             "Show one execution: status, parameters, result, and a workflow's tasks",
		Args:              cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withClient(cmd, func(ctx context.Context, c *client.Client) error {
				e, err := c.Execution(ctx, args[0])
				if err != nil {
					return err
				}
				if !isTableOutput(cmd) {
					return printOutput(cmd, e, table{})
				}
				if err := printExecution(cmd.OutOrStdout(), e); err != nil {
					return err
				}
				return printTasks(ctx, cmd, c, e)
			})
		},
	}
	addOutputFlag(cmd)
	return cmd
}

// printTasks prints the task executions of a workflow execution.
func printTasks(ctx context.Context, cmd *cobra.Command, c *client.Client, e execution.Execution) error {
	if len(e.Children) == 0 && !workflowRunners[e.Runner.Name] {
		return nil
	}
	children, err := c.Children(ctx, e.ID, -1)
	if err != nil || len(children) == 0 {
		return err
	}
	depth := map[string]int{e.ID: 0}
	t := table{header: []string{"task execution", "action", "status", "started"}}
	for _, ch := range children {
		depth[ch.ID] = depth[ch.Parent] + 1
		indent := ""
		for range depth[ch.ID] - 1 {
			indent += "  "
		}
		t.rows = append(t.rows, []string{indent + ch.ID, ch.Action.Ref, statusText(ch), timeText(ch.StartTimestamp)})
	}
	fmt.Fprintln(cmd.OutOrStdout())
	return writeTable(cmd.OutOrStdout(), t)
}

func newExecutionTailCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "tail ID",
		ValidArgsFunction: completeExecutionIDs,
		Short:             "Follow an execution: its output and status changes until it ends",
		Long: `Tail prints what execution ID has printed so far, then what it prints while
it runs, and the status changes of it and of a workflow's tasks, until it
ends. It exits 0 when the execution succeeded, 1 otherwise; Ctrl-C stops
following.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withClient(cmd, func(ctx context.Context, c *client.Client) error {
				ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
				defer stop()
				e, err := follow(ctx, c, args[0], cmd.OutOrStdout(), cmd.ErrOrStderr())
				if err != nil {
					return interrupted(err, args[0])
				}
				if e.Status != execution.StatusSucceeded {
					return exitWith(1, fmt.Sprintf("execution %s %s", e.ID, e.Status))
				}
				return nil
			})
		},
	}
}

func newExecutionCancelCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "cancel ID...",
		ValidArgsFunction: completeExecutionIDs,
		Short:             "Cancel executions: a running command is killed, a workflow stops with its tasks",
		Args:              cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withClient(cmd, func(ctx context.Context, c *client.Client) error {
				for _, id := range args {
					e, err := c.Cancel(ctx, id)
					if err != nil {
						return err
					}
					fmt.Fprintf(cmd.OutOrStdout(), "execution %s: %s\n", e.ID, e.Status)
				}
				return nil
			})
		},
	}
}

func newExecutionReRunCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:               "re-run ID [NAME=VALUE...]",
		ValidArgsFunction: completeExecutionIDs,
		Short:             "Run an execution's action again with its parameters, some replaced",
		Long: `Re-run runs execution ID's action again with the parameters it had, those
given replacing them (read as stormless run reads them), and follows the new
execution like run does (--async returns its id). Records keep secrets
masked: a secret parameter with a default takes its default again, one
without must be given again. With --tasks, a finished workflow runs again
from those tasks (and the tasks after them), with its original parameters
and the context it had there, as st2 execution re-run --tasks does; no
NAME=VALUE is taken then.`,
		Example: `  stormless execution re-run 5f0c1e2d3b4a596877665544 message=again
  stormless execution re-run 5f0c1e2d3b4a596877665544 --tasks deploy,notify`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			tasks, err := cmd.Flags().GetStringSlice("tasks")
			if err != nil {
				return fmt.Errorf("reading --tasks: %w", err)
			}
			if len(tasks) > 0 {
				return reRunTasks(cmd, args, tasks)
			}
			return withClient(cmd, func(ctx context.Context, c *client.Client) error {
				orig, err := c.Execution(ctx, args[0])
				if err != nil {
					return err
				}
				a, err := c.Action(ctx, orig.Action.Ref)
				if err != nil {
					return err
				}
				params, err := parseParams(args[1:], a.Parameters)
				if err != nil {
					return exitWith(2, err.Error())
				}
				return startOrFollow(cmd, c, func(ctx context.Context) (execution.Execution, error) {
					return c.ReRun(ctx, orig.ID, params)
				})
			})
		},
	}
	cmd.Flags().Bool("async", false, "print the new execution's id and return without waiting")
	cmd.Flags().StringSlice("tasks", nil, "re-run a finished workflow from these tasks (comma-separated task names), keeping its parameters")
	addOutputFlag(cmd)
	return cmd
}

// reRunTasks re-runs workflow execution args[0] from tasks.
func reRunTasks(cmd *cobra.Command, args, tasks []string) error {
	if len(args) > 1 {
		return exitWith(2, fmt.Sprintf("re-run --tasks keeps the workflow's original parameters: drop %s, or drop --tasks to re-run from the start with new parameters", strings.Join(args[1:], " ")))
	}
	for _, t := range tasks {
		if strings.TrimSpace(t) == "" {
			return exitWith(2, fmt.Sprintf("--tasks %s: a task name is empty; give the workflow's task names separated by commas", strings.Join(tasks, ",")))
		}
	}
	return withClient(cmd, func(ctx context.Context, c *client.Client) error {
		return startOrFollow(cmd, c, func(ctx context.Context) (execution.Execution, error) {
			return c.ReRunTasks(ctx, args[0], tasks)
		})
	})
}

// newExecutionControlCmd is pause or resume: do applied to each id.
func newExecutionControlCmd(name, short string, do func(*client.Client, context.Context, string) (execution.Execution, error)) *cobra.Command {
	return &cobra.Command{
		Use:               name + " ID...",
		ValidArgsFunction: completeExecutionIDs,
		Short:             short,
		Args:              cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withClient(cmd, func(ctx context.Context, c *client.Client) error {
				for _, id := range args {
					e, err := do(c, ctx, id)
					if err != nil {
						return err
					}
					fmt.Fprintf(cmd.OutOrStdout(), "execution %s: %s\n", e.ID, e.Status)
				}
				return nil
			})
		},
	}
}
