package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/stormless/stormless/internal/datastore/secretkey"
	"github.com/stormless/stormless/internal/datastore/sqlitekv"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/local"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/param"
	"github.com/stormless/stormless/internal/runner"
	"github.com/stormless/stormless/internal/runner/builtin"
	"github.com/stormless/stormless/internal/workflow"
)

func newWorkflowRunCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "run WF.yaml (--input JSON | --input-file F)",
		Short: "Compile a workflow and run it on the local engine with the real runners",
		Long: `Compile a workflow and run it on the local engine (the runtime of
stormless up): the workflow becomes the action ` + runPackName + `.<file name>
beside the packs, and runs as the API's run does, each task a child execution
recorded in the audit trail. Shell commands really run; nested workflow
actions run as nested executions; st2kv() reads the datastore.

The input is checked before anything runs: when the file is the workflow of
an action in --packs, that action runs and the input must pass its
parameters (types, required, enums); otherwise every input key must be one
the workflow declares under input:. A bad input exits 2.

State lives in a temporary directory removed afterwards, unless --data-dir
names one to keep (audit trail stormless.db, datastore datastore.db, its key
secret.key). A core.ask task pauses the workflow: with --respond JSON every
inquiry is answered with that object; without it the pending inquiry is
printed and the run stops (status "paused", exit 1).

Prints {"status", "output", "errors", "tasks": [{"name", "status",
"result"}]} with the workflow's own tasks in start order. Exit status:
0 succeeded, 1 failed (or paused), 2 invalid workflow or input.`,
		Example: "  stormless workflow run wf.yaml --input '{\"name\": \"Ann\"}' --packs packs",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runWorkflow(cmd, args[0])
		},
	}
	addPacksFlag(cmd)
	cmd.Flags().String("input", "", "workflow input, a JSON object")
	cmd.Flags().String("input-file", "", "file holding the workflow input JSON")
	cmd.Flags().String("data-dir", "", "directory keeping the run's audit trail and datastore (default: a temporary one)")
	cmd.Flags().String("respond", "", "answer every inquiry (core.ask) with this JSON object")
	return cmd
}

// runPackName is the pack `workflow run` puts the workflow in.
const runPackName = "stormless_run"

func runWorkflow(cmd *cobra.Command, path string) error {
	def, err := readWorkflow(cmd, path)
	if err != nil {
		return err
	}
	input, err := readRunInput(cmd)
	if err != nil {
		return err
	}
	respond, err := readRespond(cmd)
	if err != nil {
		return err
	}
	set, err := loadPackSetWithCore(cmd)
	var list pack.ErrorList
	if err != nil && (set == nil || !errors.As(err, &list)) {
		return exitWith(workflowExitInvalid, fmt.Sprintf("loading packs: %v", err))
	}
	if _, err := compileDefinition(def, runOptions(set)); err != nil {
		return reportProblems(cmd, err)
	}
	action := packAction(set, path)
	if err := checkRunInput(cmd.Context(), def, action, input); err != nil {
		return exitWith(workflowExitInvalid, err.Error())
	}
	dir, cleanup, err := runDataDir(cmd)
	if err != nil {
		return err
	}
	defer cleanup()
	rep, err := runOnEngine(cmd, dir, path, def, action, input, respond)
	if err != nil {
		return err
	}
	if err := writeJSON(cmd.OutOrStdout(), rep); err != nil {
		return err
	}
	return runExit(rep)
}

// runExit maps the report's status to the exit status.
func runExit(rep runReport) error {
	switch rep.Status {
	case string(execution.StatusSucceeded):
		return nil
	case string(execution.StatusPaused):
		return exitWith(1, fmt.Sprintf("workflow paused: inquiry %s waits for a response; run again with --respond JSON", rep.Inquiry.ID))
	}
	return exitWith(1, "")
}

// runOptions are the compiler options for the run's packs, as the local
// engine compiles: every action must exist.
func runOptions(set *pack.Set) workflow.Options {
	opts := workflow.PackOptions(set, "", func(ref string) string { return workflow.StateMachineARN(runRegion, runAccount, ref) })
	opts.Actions = func(ref string) bool { _, ok := set.Action(ref); return ok }
	return opts
}

// Region and account of the compile check's state machine ARNs.
const (
	runRegion  = "us-east-1"
	runAccount = "000000000000"
)

// packAction is the action of the --packs packs whose workflow is the
// file at path, or nil when there is none: its parameters are the input
// schema of the run.
func packAction(set *pack.Set, path string) *pack.Action {
	if set == nil {
		return nil
	}
	want, err := filepath.Abs(path)
	if err != nil {
		return nil
	}
	for _, a := range set.Actions() {
		if a.Workflow == nil || a.EntryPath == "" {
			continue
		}
		if got, err := filepath.Abs(a.EntryPath); err == nil && got == want {
			return a
		}
	}
	return nil
}

// checkRunInput checks input before anything runs: against the parameters
// of the workflow's action (types, required, enums, immutables) when the
// workflow belongs to one, else against the Orquesta workflow's declared
// inputs (a name it does not declare is a typo StackStorm would refuse).
// The engine validates again at run time; this makes a bad input exit 2.
func checkRunInput(ctx context.Context, def *workflow.Definition, action *pack.Action, input map[string]any) error {
	if action != nil {
		spec, err := param.Compile(action.Parameters)
		if err != nil {
			return fmt.Errorf("input: action %s: %v", action.Ref, err)
		}
		var perr *param.Error
		if _, err := spec.Resolve(ctx, input, param.Context{}); errors.As(err, &perr) {
			return fmt.Errorf("input: %v (the parameters of action %s)", perr, action.Ref)
		}
		return nil
	}
	if def.Orquesta == nil {
		return nil
	}
	declared := make([]string, 0, len(def.Orquesta.Input))
	known := map[string]bool{}
	for _, p := range def.Orquesta.Input {
		declared = append(declared, p.Name)
		known[p.Name] = true
	}
	for _, name := range slices.Sorted(maps.Keys(input)) {
		if !known[name] && name != "st2" {
			list := "none"
			if len(declared) > 0 {
				list = strings.Join(declared, ", ")
			}
			return fmt.Errorf("input: %q is not an input of the workflow (its inputs: %s); declare it under input: or fix the name", name, list)
		}
	}
	return nil
}

// readRunInput reads --input or --input-file as a JSON object.
func readRunInput(cmd *cobra.Command) (map[string]any, error) {
	text, _ := cmd.Flags().GetString("input")
	if file, _ := cmd.Flags().GetString("input-file"); file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, exitWith(workflowExitInvalid, fmt.Sprintf("reading input: %v", err))
		}
		text = string(data)
	}
	return parseObject("input", text)
}

// readRespond reads --respond; nil when it is not given.
func readRespond(cmd *cobra.Command) (map[string]any, error) {
	text, _ := cmd.Flags().GetString("respond")
	if text == "" {
		return nil, nil
	}
	return parseObject("--respond", text)
}

// parseObject parses a JSON object flag; empty text is an empty object.
func parseObject(what, text string) (map[string]any, error) {
	if text == "" {
		text = "{}"
	}
	var obj map[string]any
	if err := json.Unmarshal([]byte(text), &obj); err != nil || obj == nil {
		return nil, exitWith(workflowExitInvalid, fmt.Sprintf("reading %s: want a JSON object: %v", what, err))
	}
	return obj, nil
}

// runDataDir is --data-dir (created when missing) or a temporary
// directory that cleanup removes.
func runDataDir(cmd *cobra.Command) (string, func(), error) {
	if dir, _ := cmd.Flags().GetString("data-dir"); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return "", nil, fmt.Errorf("creating data directory: %w", err)
		}
		return dir, func() {}, nil
	}
	dir, err := os.MkdirTemp("", "stormless-run-")
	if err != nil {
		return "", nil, fmt.Errorf("creating data directory: %w", err)
	}
	return dir, func() { _ = os.RemoveAll(dir) }, nil
}

// runOnEngine runs the workflow at path as an action of a pack beside the
// --packs ones, on a local engine keeping its state in dir.
func runOnEngine(cmd *cobra.Command, dir, path string, def *workflow.Definition, action *pack.Action, input, respond map[string]any) (runReport, error) {
	ctx := cmd.Context()
	var ref string
	if action != nil {
		ref = action.Ref
	} else {
		var err error
		if ref, err = writeRunPack(filepath.Join(dir, "packs"), path, def, input); err != nil {
			return runReport{}, err
		}
	}
	names := &taskNames{byID: map[string]string{}}
	eng, closeAll, err := newRunEngine(ctx, cmd, dir, names)
	if err != nil {
		return runReport{}, err
	}
	defer closeAll()
	id, err := eng.Submit(ctx, ref, input)
	if err != nil {
		return runReport{}, fmt.Errorf("starting workflow: %w", err)
	}
	x, q, err := awaitRun(ctx, eng, id, respond)
	if err != nil {
		return runReport{}, err
	}
	return buildReport(ctx, eng.Store(), x, q, names.resolver(def))
}

// newRunEngine starts a local engine on the --packs directories plus the
// run's pack, with the datastore in dir; closeAll stops both.
func newRunEngine(ctx context.Context, cmd *cobra.Command, dir string, names *taskNames) (*local.Engine, func(), error) {
	dirs, err := packDirsWithCore(cmd)
	if err != nil {
		return nil, nil, err
	}
	if run := filepath.Join(dir, "packs"); isDir(run) { // the run's pack, when it wrote one
		dirs = append(dirs, run)
	}
	runners, err := names.runners()
	if err != nil {
		return nil, nil, err
	}
	key, err := secretkey.LoadOrCreate(filepath.Join(dir, "secret.key"))
	if err != nil {
		return nil, nil, fmt.Errorf("loading datastore key: %w", err)
	}
	kv, err := sqlitekv.Open(ctx, filepath.Join(dir, "datastore.db"), key)
	if err != nil {
		return nil, nil, fmt.Errorf("opening datastore: %w", err)
	}
	eng, err := local.New(local.WithPacks(dirs...), local.WithDataDir(dir), local.WithDatastore(kv),
		local.WithRunners(runners), local.WithTimers(false), local.WithErrorHandler(func(error) {}))
	// Close waits for running workflows; canceling the engine's context
	// first stops one still waiting for an inquiry's response.
	runCtx, cancel := context.WithCancel(ctx)
	if err == nil {
		err = eng.Start(runCtx)
	}
	if err != nil {
		cancel()
		_ = kv.Close()
		return nil, nil, fmt.Errorf("starting local engine: %w", err)
	}
	return eng, func() { cancel(); _ = eng.Close(); _ = kv.Close() }, nil
}

// awaitRun waits until execution id is final, answering inquiries with
// respond, or returns the first pending inquiry when respond is nil.
func awaitRun(ctx context.Context, eng *local.Engine, id string, respond map[string]any) (execution.Execution, *execution.Inquiry, error) {
	answered := map[string]bool{}
	for {
		x, err := eng.Store().GetExecution(ctx, id)
		if err != nil {
			return x, nil, fmt.Errorf("reading workflow execution: %w", err)
		}
		if x.Status.Final() {
			return x, nil, nil
		}
		q, ok, err := pendingInquiry(ctx, eng.Store(), answered)
		if err != nil {
			return x, nil, err
		}
		if ok && respond == nil {
			return x, &q, nil
		}
		if ok {
			answered[q.ID] = true
			if _, err := eng.Respond(ctx, q.ID, respond, runner.DefaultUser); err != nil {
				return x, nil, exitWith(1, fmt.Sprintf("responding to inquiry %s: %v", q.ID, err))
			}
		}
		select {
		case <-ctx.Done():
			return x, nil, fmt.Errorf("waiting for workflow: %w", ctx.Err())
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// pendingInquiry finds a pending inquiry not yet answered; ok is false
// when there is none.
func pendingInquiry(ctx context.Context, s execution.Store, answered map[string]bool) (q execution.Inquiry, ok bool, err error) {
	page, err := s.ListInquiries(ctx, execution.InquiryQuery{Status: execution.InquiryPending})
	if err != nil {
		return q, false, fmt.Errorf("listing inquiries: %w", err)
	}
	for _, q := range page.Items {
		if !answered[q.ID] {
			return q, true, nil
		}
	}
	return q, false, nil
}

// writeRunPack writes the pack holding the workflow at path as one action
// whose parameters are the workflow's inputs and the given input's keys,
// and returns the action's ref.
func writeRunPack(root, path string, def *workflow.Definition, input map[string]any) (string, error) {
	name := runActionName(path)
	dir := filepath.Join(root, runPackName, "actions")
	if err := os.MkdirAll(filepath.Join(dir, "workflows"), 0o700); err != nil {
		return "", fmt.Errorf("writing run pack: %w", err)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("reading workflow: %w", err)
	}
	meta, err := json.Marshal(runActionMeta(name, def, input))
	if err != nil {
		return "", fmt.Errorf("writing run pack: %w", err)
	}
	packMeta := "ref: " + runPackName + "\nname: " + runPackName + "\ndescription: the workflow of stormless workflow run\nversion: 0.0.1\nauthor: stormless\n"
	files := map[string][]byte{
		filepath.Join(root, runPackName, "pack.yaml"): []byte(packMeta),
		filepath.Join(dir, name+".yaml"):              meta, // JSON is YAML
		filepath.Join(dir, "workflows", name+".yaml"): src,
	}
	for p, data := range files {
		if err := os.WriteFile(p, data, 0o600); err != nil {
			return "", fmt.Errorf("writing run pack: %w", err)
		}
	}
	return runPackName + "." + name, nil
}

// runActionMeta is the action metadata of the run's workflow.
func runActionMeta(name string, def *workflow.Definition, input map[string]any) map[string]any {
	params := map[string]any{}
	for k := range input {
		params[k] = map[string]any{}
	}
	runnerType := "action-chain"
	if def.Orquesta != nil {
		runnerType = "orquesta"
		for _, p := range def.Orquesta.Input {
			params[p.Name] = map[string]any{}
		}
	}
	return map[string]any{"name": name, "runner_type": runnerType, "enabled": true,
		"entry_point": "workflows/" + name + ".yaml", "parameters": params}
}

// runActionName is the workflow file's base name as an action name.
func runActionName(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	name := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' {
			return r
		}
		return '_'
	}, base)
	if name == "" {
		return "workflow"
	}
	return name
}

// taskNames learns each task execution's task name from the context the
// compiled workflow passes its runner.
type taskNames struct {
	mu   sync.Mutex
	byID map[string]string
}

// runners is the built-in runner registry with every runner wrapped to
// record task names.
func (n *taskNames) runners() (*runner.Registry, error) {
	base, err := builtin.New()
	if err != nil {
		return nil, fmt.Errorf("creating runners: %w", err)
	}
	reg := runner.NewRegistry()
	for _, name := range base.Names() {
		r, err := base.Lookup(name)
		if err != nil {
			return nil, fmt.Errorf("creating runners: %w", err)
		}
		reg.Register(name, n.wrap(r))
	}
	return reg, nil
}

func (n *taskNames) wrap(r runner.Runner) runner.Runner {
	return runner.Func(func(ctx context.Context, req runner.Request) (runner.Result, error) {
		if name, ok := req.Context["task_name"].(string); ok && req.ExecutionID != "" {
			n.mu.Lock()
			n.byID[req.ExecutionID] = name
			n.mu.Unlock()
		}
		return r.Run(ctx, req)
	})
}

// resolver names a task execution: by the name its runner saw, else (for
// runners the engine adds itself: workflows, inquiries) by the one task of
// def running its action, else by the action ref.
func (n *taskNames) resolver(def *workflow.Definition) func(execution.Execution) string {
	byAction := map[string][]string{}
	if def.Orquesta != nil {
		for _, t := range def.Orquesta.Tasks {
			byAction[t.Action] = append(byAction[t.Action], t.Name)
		}
	}
	return func(x execution.Execution) string {
		n.mu.Lock()
		name, ok := n.byID[x.ID]
		n.mu.Unlock()
		if ok {
			return name
		}
		if tasks := byAction[x.Action.Ref]; len(tasks) == 1 {
			return tasks[0]
		}
		return x.Action.Ref
	}
}

// runReport is what `workflow run` prints.
type runReport struct {
	Status  string             `json:"status"`
	Output  any                `json:"output"`
	Errors  any                `json:"errors,omitempty"`
	Inquiry *execution.Inquiry `json:"inquiry,omitempty"`
	Tasks   []taskReport       `json:"tasks"`
}

// taskReport is one task execution in the run's report.
type taskReport struct {
	Name   string `json:"name"`
	Status string `json:"status"`
	Result any    `json:"result"`
}

// buildReport reports workflow execution x, paused at q when q is not nil.
func buildReport(ctx context.Context, s execution.Store, x execution.Execution, q *execution.Inquiry, name func(execution.Execution) string) (runReport, error) {
	rep := runReport{Status: string(x.Status), Tasks: []taskReport{}, Inquiry: q}
	if q != nil {
		rep.Status = string(execution.StatusPaused)
	}
	var res struct {
		Output any `json:"output"`
		Errors any `json:"errors"`
	}
	if len(x.Result) > 0 && json.Unmarshal(x.Result, &res) == nil {
		rep.Output, rep.Errors = res.Output, res.Errors
	}
	for _, id := range x.Children {
		c, err := s.GetExecution(ctx, id)
		if err != nil {
			return rep, fmt.Errorf("reading task execution: %w", err)
		}
		var result any
		if len(c.Result) > 0 {
			_ = json.Unmarshal(c.Result, &result)
		}
		rep.Tasks = append(rep.Tasks, taskReport{Name: name(c), Status: string(c.Status), Result: result})
	}
	return rep, nil
}

// isDir reports whether path is a directory.
func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}
