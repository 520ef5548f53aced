package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/workflow"
)

// Exit statuses of the workflow commands.
const (
	workflowExitInvalid = 2
)

func newWorkflowCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "workflow",
		Short: "Validate, compile and draw Orquesta and action-chain workflows",
	}
	cmd.AddCommand(newWorkflowValidateCmd(), newWorkflowCompileCmd(), newWorkflowGraphCmd(), newWorkflowRunCmd())
	return cmd
}

func newWorkflowValidateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "validate WF.yaml",
		Short: "Check an Orquesta or action-chain workflow and list every problem",
		Long: `Parse and validate a workflow: unknown tasks in do, unreachable tasks,
undefined variables, expression syntax errors. Problems are printed one a
line as file:line:col: message. Exit status: 0 valid, 2 invalid.`,
		Example: "  stormless workflow validate packs/examples/actions/workflows/hello.yaml",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			def, err := readWorkflow(cmd, args[0])
			if err != nil {
				return err
			}
			kind := "Orquesta workflow"
			if def.Chain != nil {
				kind = "action-chain"
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: valid %s\n", args[0], kind)
			return nil
		},
	}
}

func newWorkflowCompileCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "compile WF.yaml",
		Short: "Print the Step Functions state machine (ASL, JSONata) a workflow compiles to",
		Long: `Compile an Orquesta workflow or action-chain to Amazon States Language in
JSONata mode.
Expressions (YAQL <% %>, Jinja {{ }}) are translated to JSONata; what has no
translation is an error naming the file, line and expression, with the
JSONata to write instead ({% %} passes through).

Tasks whose action is itself a workflow (per the packs) start its state
machine. With --packs, every action must exist in the packs; without it,
the packs in ./packs are used when they load, for nested workflows only.
Exit status: 0 compiled, 2 invalid.`,
		Example: "  stormless workflow compile packs/examples/actions/workflows/hello.yaml --packs packs",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return compileWorkflow(cmd, args[0])
		},
	}
	addPacksFlag(cmd)
	cmd.Flags().String("runner-function", workflow.DefaultRunnerFunction, "Lambda function name or ARN the tasks invoke")
	cmd.Flags().String("region", "us-east-1", "region of nested workflows' state machine ARNs")
	cmd.Flags().String("account", "000000000000", "account of nested workflows' state machine ARNs")
	return cmd
}

func newWorkflowGraphCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "graph WF.yaml",
		Short:   "Print a workflow's task graph as a Mermaid flowchart",
		Example: "  stormless workflow graph wf.yaml > wf.mmd",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			def, err := readWorkflow(cmd, args[0])
			if err != nil {
				return err
			}
			if def.Chain != nil {
				_, err = io.WriteString(cmd.OutOrStdout(), def.Chain.Mermaid())
			} else {
				_, err = io.WriteString(cmd.OutOrStdout(), def.Orquesta.Mermaid())
			}
			return err
		},
	}
}

// readWorkflow parses and validates a workflow file; problems are printed
// to stderr and turn into exit status 2.
func readWorkflow(cmd *cobra.Command, path string) (*workflow.Definition, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, exitWith(workflowExitInvalid, fmt.Sprintf("reading workflow: %v", err))
	}
	def, err := workflow.Parse(path, data)
	if err != nil {
		return nil, reportProblems(cmd, err)
	}
	return def, nil
}

// reportProblems prints a workflow ErrorList one problem a line and asks
// for exit status 2.
func reportProblems(cmd *cobra.Command, err error) error {
	list := workflow.AsList(err)
	if list == nil {
		return exitWith(workflowExitInvalid, err.Error())
	}
	for _, e := range list {
		fmt.Fprintln(cmd.ErrOrStderr(), e.Error())
	}
	return exitWith(workflowExitInvalid, fmt.Sprintf("%d problem(s) found", len(list)))
}

func compileWorkflow(cmd *cobra.Command, path string) error {
	def, err := readWorkflow(cmd, path)
	if err != nil {
		return err
	}
	opts, err := compileOptions(cmd)
	if err != nil {
		return err
	}
	asl, err := compileDefinition(def, opts)
	if err != nil {
		return reportProblems(cmd, err)
	}
	_, err = cmd.OutOrStdout().Write(asl)
	return err
}

// compileOptions builds the compiler options from the flags and packs.
func compileOptions(cmd *cobra.Command) (workflow.Options, error) {
	fn, _ := cmd.Flags().GetString("runner-function")
	opts := workflow.Options{RunnerFunction: fn}
	set, err := loadPackSetWithCore(cmd)
	var list pack.ErrorList
	switch {
	case err != nil && !cmd.Flags().Changed("packs"):
		return opts, nil // no usable ./packs: compile without action checks
	case err != nil && (set == nil || !errors.As(err, &list)):
		return opts, exitWith(workflowExitInvalid, fmt.Sprintf("loading packs: %v", err))
	case err != nil:
		fmt.Fprintf(cmd.ErrOrStderr(), "note: the packs have %d problem(s); run `stormless pack validate` for details\n", len(list))
	}
	region, _ := cmd.Flags().GetString("region")
	account, _ := cmd.Flags().GetString("account")
	opts = workflow.PackOptions(set, fn, func(ref string) string { return workflow.StateMachineARN(region, account, ref) })
	if cmd.Flags().Changed("packs") {
		opts.Actions = func(ref string) bool { _, ok := set.Action(ref); return ok }
	}
	return opts, nil
}

// compileDefinition compiles either language.
func compileDefinition(def *workflow.Definition, opts workflow.Options) ([]byte, error) {
	if def.Chain != nil {
		return workflow.CompileChain(def.Chain, opts)
	}
	return workflow.Compile(def.Orquesta, opts)
}
