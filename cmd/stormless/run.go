package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/stormless/stormless/internal/client"
	"github.com/stormless/stormless/internal/execution"
)

func newRunCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "run ACTION [NAME=VALUE...] [CMD...]",
		Short: "Run an action on the server, showing its output live, and print the result",
		Long: `Run asks the server (stormless up, or --url) to run ACTION with the given
parameters, follows it (the event stream and the execution's output) while it
runs, printing what it prints and each status change (workflow tasks too),
and ends with the result. It exits 0 when the execution succeeded, 1 when it
failed, timed out or was canceled; Ctrl-C stops following, not the run.

Parameters are read as StackStorm's CLI reads them: NAME=VALUE, cast to the
parameter's type (integer, number, boolean true/false, object as JSON or
k1=v1,k2=v2, array as JSON, comma-separated items, or one integer);
@NAME=FILE passes FILE's content; the first argument without "=" and all
after it become cmd, dashes included (so run's own flags go before it).

With --output json or yaml, the action's output goes to stderr and stdout
holds only the final execution record.`,
		Example: `  stormless run core.local cmd="uname -a"
  stormless run core.local date -u
  stormless run examples.greet name=Ada
  stormless run examples.check_url url=https://example.com --async`,
		Args:              cobra.MinimumNArgs(1),
		ValidArgsFunction: completeRunArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			words, err := splitLeadingFlags(cmd.Flags(), args[1:])
			if err != nil {
				return usageError(cmd, err)
			}
			return withClient(cmd, func(ctx context.Context, c *client.Client) error {
				a, err := c.Action(ctx, args[0])
				if client.IsNotFound(err) {
					return exitWith(1, fmt.Sprintf("action %q not found on the server at %s: `stormless action list` lists them", args[0], c.URL()))
				}
				if err != nil {
					return err
				}
				params, err := parseParams(words, a.Parameters)
				if err != nil {
					return exitWith(2, err.Error())
				}
				return startOrFollow(cmd, c, func(ctx context.Context) (execution.Execution, error) {
					return c.Run(ctx, a.Ref, params)
				})
			})
		},
	}
	cmd.Flags().Bool("async", false, "print the execution's id and return without waiting")
	addOutputFlag(cmd)
	// Flags after ACTION are read by splitLeadingFlags, up to the command.
	cmd.Flags().SetInterspersed(false)
	return cmd
}

// completeRunArgs completes run's action ref, then its own flags: with
// flags read up to the command (splitLeadingFlags), cobra does not offer
// them after ACTION.
func completeRunArgs(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) == 0 || !strings.HasPrefix(toComplete, "-") {
		return completeActionRefs(cmd, args, toComplete)
	}
	var out []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if name := "--" + f.Name; strings.HasPrefix(name, toComplete) && !f.Hidden {
			out = append(out, name+"\t"+f.Usage)
		}
	})
	return out, cobra.ShellCompDirectiveNoFileComp
}

// startOrFollow starts an execution with begin and, unless --async, follows it
// as runAndFollow does; with --async it prints it as printAsync does.
func startOrFollow(cmd *cobra.Command, c *client.Client, begin func(context.Context) (execution.Execution, error)) error {
	if async, _ := cmd.Flags().GetBool("async"); !async {
		return runAndFollow(cmd, c, begin)
	}
	e, err := begin(cmd.Context())
	if err != nil {
		return err
	}
	return printAsync(cmd, e)
}

// printAsync prints a started execution: its id (or record), and how to
// follow it.
func printAsync(cmd *cobra.Command, e execution.Execution) error {
	if !isTableOutput(cmd) {
		return printOutput(cmd, e, table{})
	}
	fmt.Fprintln(cmd.OutOrStdout(), e.ID)
	fmt.Fprintf(cmd.ErrOrStderr(), "To follow it: stormless execution tail %s\n", e.ID)
	return nil
}

// runAndFollow starts an execution with begin, follows it until it ends
// (or Ctrl-C), prints the result and exits non-zero unless it succeeded.
func runAndFollow(cmd *cobra.Command, c *client.Client, begin func(context.Context) (execution.Execution, error)) error {
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e, err := begin(ctx)
	if err != nil {
		return err
	}
	return followAndReport(ctx, cmd, c, e.ID)
}

// followAndReport follows execution id, then prints its record: the
// fields and result (the streamed output left out) as a table, else the
// record as JSON or YAML. It fails unless the execution succeeded.
func followAndReport(ctx context.Context, cmd *cobra.Command, c *client.Client, id string) error {
	live := cmd.OutOrStdout()
	if !isTableOutput(cmd) {
		live = cmd.ErrOrStderr()
	}
	e, err := follow(ctx, c, id, live, cmd.ErrOrStderr())
	if err != nil {
		return interrupted(err, id)
	}
	if isTableOutput(cmd) {
		if err := printFinal(cmd.OutOrStdout(), e); err != nil {
			return err
		}
	} else if err := printOutput(cmd, e, table{}); err != nil {
		return err
	}
	if e.Status != execution.StatusSucceeded {
		return exitWith(1, fmt.Sprintf("execution %s %s", e.ID, e.Status))
	}
	return nil
}

// printFinal prints an ended execution after its streamed output: a blank
// line, then its fields and result without the stdout and stderr already
// shown.
func printFinal(w io.Writer, e execution.Execution) error {
	fmt.Fprintln(w)
	return printExecution(w, e, "stdout", "stderr")
}
