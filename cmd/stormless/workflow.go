package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/stormless/stormless/internal/asl/interp"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/runner"
	"github.com/stormless/stormless/internal/runner/builtin"
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
	set, err := loadPackSet(cmd)
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
	if cmd.Flags().Changed("packs") {
		opts.Actions = func(ref string) bool { _, ok := set.Action(ref); return ok }
	}
	opts.Workflow = func(ref string) (string, bool) {
		a, ok := set.Action(ref)
		if !ok || a.RunnerType != "orquesta" && a.RunnerType != "action-chain" {
			return "", false
		}
		return workflow.StateMachineARN(region, account, ref), true
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

func newWorkflowRunCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "run WF.yaml (--input JSON | --input-file F)",
		Short: "Compile a workflow and run it on the embedded interpreter with the real runners",
		Long: `Compile a workflow and run it on the embedded ASL interpreter. Tasks run
the packs' actions with the built-in runners (shell commands really run);
nested workflow actions run as nested executions. Inquiries (core.ask) and
st2kv() need the local runtime and fail here.

Prints {"status", "output", "errors", "tasks": [{"name", "status",
"result"}]} with the tasks in start order. Exit status: 0 succeeded,
1 failed, 2 invalid workflow or input.`,
		Example: "  stormless workflow run wf.yaml --input '{\"name\": \"Ann\"}' --packs packs",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runWorkflow(cmd, args[0])
		},
	}
	addPacksFlag(cmd)
	cmd.Flags().String("input", "", "workflow input, a JSON object")
	cmd.Flags().String("input-file", "", "file holding the workflow input JSON")
	return cmd
}

// Region and account of the state machines `workflow run` loads.
const (
	runRegion  = "us-east-1"
	runAccount = "000000000000"
)

func runWorkflow(cmd *cobra.Command, path string) error {
	def, err := readWorkflow(cmd, path)
	if err != nil {
		return err
	}
	input, err := readRunInput(cmd)
	if err != nil {
		return err
	}
	set, err := loadPackSet(cmd)
	var list pack.ErrorList
	if err != nil && (set == nil || !errors.As(err, &list)) {
		return exitWith(workflowExitInvalid, fmt.Sprintf("loading packs: %v", err))
	}
	r, err := newWorkflowRun(set)
	if err != nil {
		return err
	}
	name := workflow.StateMachineName(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
	m, err := r.load(def, name, map[string]bool{})
	if err != nil {
		return reportProblems(cmd, err)
	}
	res, _, err := r.in.Run(cmd.Context(), m, input)
	if err != nil {
		return fmt.Errorf("running workflow: %w", err)
	}
	if err := writeJSON(cmd.OutOrStdout(), r.report(res)); err != nil {
		return err
	}
	if res.Status != interp.StatusSucceeded {
		return exitWith(1, "")
	}
	return nil
}

// readRunInput reads --input or --input-file as a JSON object.
func readRunInput(cmd *cobra.Command) (any, error) {
	text, _ := cmd.Flags().GetString("input")
	if file, _ := cmd.Flags().GetString("input-file"); file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, exitWith(workflowExitInvalid, fmt.Sprintf("reading input: %v", err))
		}
		text = string(data)
	}
	if text == "" {
		text = "{}"
	}
	var input map[string]any
	if err := json.Unmarshal([]byte(text), &input); err != nil {
		return nil, exitWith(workflowExitInvalid, fmt.Sprintf("reading input: want a JSON object: %v", err))
	}
	return input, nil
}

// workflowRun runs compiled workflows with the packs' actions.
type workflowRun struct {
	set     *pack.Set
	runners *runner.Registry
	in      *interp.Interpreter
	mu      sync.Mutex
	tasks   []taskReport
}

// taskReport is one task execution in the run's report.
type taskReport struct {
	Name   string `json:"name"`
	Status string `json:"status"`
	Result any    `json:"result"`
}

func newWorkflowRun(set *pack.Set) (*workflowRun, error) {
	runners, err := builtin.New()
	if err != nil {
		return nil, fmt.Errorf("creating runners: %w", err)
	}
	r := &workflowRun{set: set, runners: runners}
	reg := interp.NewRegistry()
	reg.Lambda(workflow.DefaultRunnerFunction, r.invoke)
	if r.in, err = interp.New(interp.WithRegistry(reg), interp.WithAccount(runRegion, runAccount)); err != nil {
		return nil, fmt.Errorf("creating interpreter: %w", err)
	}
	return r, nil
}

// options are the compiler options for the run's packs.
func (r *workflowRun) options() workflow.Options {
	return workflow.Options{
		Actions: func(ref string) bool { _, ok := r.set.Action(ref); return ok },
		Workflow: func(ref string) (string, bool) {
			if a, ok := r.isWorkflow(ref); ok {
				return workflow.StateMachineARN(runRegion, runAccount, a.Ref), true
			}
			return "", false
		},
	}
}

func (r *workflowRun) isWorkflow(ref string) (*pack.Action, bool) {
	a, ok := r.set.Action(ref)
	return a, ok && (a.RunnerType == "orquesta" || a.RunnerType == "action-chain") && a.EntryPath != ""
}

// load compiles def and every workflow action it runs, loading each into
// the interpreter, and returns def's machine.
func (r *workflowRun) load(def *workflow.Definition, name string, seen map[string]bool) (*interp.Machine, error) {
	asl, err := compileDefinition(def, r.options())
	if err != nil {
		return nil, err
	}
	if def.Orquesta != nil {
		for _, t := range def.Orquesta.Tasks {
			if err := r.loadAction(t.Action, seen); err != nil {
				return nil, err
			}
		}
	}
	m, err := r.in.Load(name, asl)
	if err != nil {
		return nil, fmt.Errorf("loading compiled workflow: %w", err)
	}
	return m, nil
}

// loadAction loads the state machine of a workflow action, once.
func (r *workflowRun) loadAction(ref string, seen map[string]bool) error {
	a, ok := r.isWorkflow(ref)
	if !ok || seen[ref] {
		return nil
	}
	seen[ref] = true
	data, err := os.ReadFile(a.EntryPath)
	if err != nil {
		return fmt.Errorf("reading workflow action %s: %w", ref, err)
	}
	def, err := workflow.Parse(a.EntryPath, data)
	if err != nil {
		return err
	}
	_, err = r.load(def, workflow.StateMachineName(ref), seen)
	return err
}

// invoke is the runner Lambda: it runs one action and returns its
// execution record.
func (r *workflowRun) invoke(ctx context.Context, payload any) (any, error) {
	p, _ := payload.(map[string]any)
	ref, _ := p["action"].(string)
	params, _ := p["parameters"].(map[string]any)
	c, _ := p["context"].(map[string]any)
	task, _ := c["task_name"].(string)
	if token, ok := p["task_token"].(string); ok {
		go func() { _ = r.in.SendTaskFailure(token, "Unsupported", "inquiries need the local runtime") }()
		return nil, nil
	}
	r.mu.Lock()
	i := len(r.tasks)
	r.tasks = append(r.tasks, taskReport{Name: task, Status: "running"})
	r.mu.Unlock()
	res := r.runAction(ctx, ref, params)
	r.mu.Lock()
	r.tasks[i].Status, r.tasks[i].Result = string(res.Status), res.Result
	r.mu.Unlock()
	return map[string]any{"status": string(res.Status), "result": res.Result}, nil
}

// runAction runs an action with its parameters' defaults filled in.
func (r *workflowRun) runAction(ctx context.Context, ref string, params map[string]any) runner.Result {
	if ref == workflow.ActionKVLookup {
		return runner.Failed(errors.New("st2kv() needs the local runtime's datastore"))
	}
	a, ok := r.set.Action(ref)
	if !ok {
		return runner.Failed(fmt.Errorf("unknown action %q", ref))
	}
	defaults := map[string]any{}
	for name, spec := range a.Parameters {
		if spec.HasDefault {
			defaults[name] = spec.Default
		}
	}
	merged, err := workflow.RenderParameters(defaults, params)
	if err != nil {
		return runner.Failed(err)
	}
	p, _ := r.set.Pack(a.Pack)
	rn, _ := r.set.Runner(a.RunnerType)
	res, _ := r.runners.Run(ctx, runner.Request{Action: runner.FromPack(a, p, rn), Parameters: merged})
	return res
}

// runReport is what `workflow run` prints.
type runReport struct {
	Status string       `json:"status"`
	Output any          `json:"output"`
	Errors any          `json:"errors,omitempty"`
	Tasks  []taskReport `json:"tasks"`
}

// report builds the printed result from the execution's.
func (r *workflowRun) report(res *interp.Result) runReport {
	rep := runReport{Status: "succeeded", Tasks: r.tasks}
	if rep.Tasks == nil {
		rep.Tasks = []taskReport{}
	}
	if res.Status == interp.StatusSucceeded {
		if out, ok := res.Output.(map[string]any); ok {
			rep.Output = out["output"]
		}
		return rep
	}
	rep.Status = "failed"
	var cause struct {
		Output any `json:"output"`
		Errors any `json:"errors"`
	}
	if json.Unmarshal([]byte(res.Cause), &cause) == nil && cause.Errors != nil {
		rep.Output, rep.Errors = cause.Output, cause.Errors
		return rep
	}
	rep.Errors = []any{map[string]any{"type": "error", "message": res.Error + ": " + res.Cause}}
	return rep
}
