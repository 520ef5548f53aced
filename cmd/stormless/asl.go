package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/stormless/stormless/internal/asl"
	"github.com/stormless/stormless/internal/asl/interp"
)

// newASLCmd is the `stormless asl` command group: validate and run Amazon
// States Language definitions with the embedded interpreter.
func newASLCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "asl",
		Short: "Validate and run Amazon States Language state machines locally",
	}
	cmd.AddCommand(newASLValidateCmd(), newASLRunCmd())
	return cmd
}

func newASLValidateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "validate DEF.json",
		Short: "Validate a state machine definition as Step Functions does",
		Long: `Validate checks a definition (JSON, or JSON with comments) and lists every
problem with its JSON pointer. It exits 0 when the definition is valid and 2
otherwise.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			data, err := os.ReadFile(args[0])
			if err != nil {
				return exitWith(2, fmt.Sprintf("reading definition: %v", err))
			}
			if _, err := asl.Parse(data); err != nil {
				fmt.Fprintln(cmd.OutOrStdout(), err.Error())
				return exitWith(2, "")
			}
			fmt.Fprintln(cmd.OutOrStdout(), "valid")
			return nil
		},
	}
}

// aslRunFlags are the flags of `asl run`.
type aslRunFlags struct {
	input, inputFile              string
	mockConfig, machine, testCase string
	history, virtualClock         bool
	dataDir                       string
	maxTransitions                int64
}

func newASLRunCmd() *cobra.Command {
	var f aslRunFlags
	cmd := &cobra.Command{
		Use:   "run DEF.json (--input JSON | --input-file F)",
		Short: "Run a state machine with the embedded interpreter",
		Long: `Run executes a definition locally and prints its output as JSON (exit 0), or
{"Error": ..., "Cause": ...} when it fails (exit 1). An invalid definition
exits 2. Task states are replayed from a Step Functions Local mock
configuration (--mock-config with --state-machine and --test-case). With
--history the command prints {"output" or "error": ..., "events": [...]},
the events as GetExecutionHistory returns them.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runASL(cmd, args[0], f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.input, "input", "", "execution input as JSON")
	fl.StringVar(&f.inputFile, "input-file", "", "file holding the execution input JSON")
	fl.StringVar(&f.mockConfig, "mock-config", "", "Step Functions Local mock configuration file")
	fl.StringVar(&f.machine, "state-machine", "", "state machine name in the mock configuration")
	fl.StringVar(&f.testCase, "test-case", "", "test case name in the mock configuration")
	fl.BoolVar(&f.history, "history", false, "also print the execution history")
	fl.BoolVar(&f.virtualClock, "virtual-clock", false, "run Wait states, retries and timeouts on a virtual clock (no real waiting)")
	fl.StringVar(&f.dataDir, "data-dir", "", "directory standing in for S3 buckets (distributed Map ItemReader/ResultWriter)")
	fl.Int64Var(&f.maxTransitions, "max-transitions", 1_000_000, "state transition budget of the execution")
	return cmd
}

func runASL(cmd *cobra.Command, defPath string, f aslRunFlags) error {
	input, err := readASLInput(f)
	if err != nil {
		return exitWith(2, err.Error())
	}
	opts, err := aslOptions(f)
	if err != nil {
		return exitWith(2, err.Error())
	}
	in, err := interp.New(opts...)
	if err != nil {
		return exitWith(2, err.Error())
	}
	data, err := os.ReadFile(defPath)
	if err != nil {
		return exitWith(2, fmt.Sprintf("reading definition: %v", err))
	}
	name := f.machine
	if name == "" {
		name = "StateMachine"
	}
	m, err := in.Load(name, data)
	if err != nil {
		return exitWith(2, err.Error())
	}
	res, exec, err := in.Run(cmd.Context(), m, input)
	if err != nil {
		return reportStartFailure(cmd, err)
	}
	return printASLResult(cmd, res, exec, f.history)
}

func readASLInput(f aslRunFlags) (any, error) {
	raw := []byte(f.input)
	switch {
	case f.input != "" && f.inputFile != "":
		return nil, errors.New("use either --input or --input-file, not both")
	case f.inputFile != "":
		data, err := os.ReadFile(f.inputFile)
		if err != nil {
			return nil, fmt.Errorf("reading input: %w", err)
		}
		raw = data
	case f.input == "":
		raw = []byte("{}")
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, fmt.Errorf("parsing input JSON: %w", err)
	}
	return v, nil
}

func aslOptions(f aslRunFlags) ([]interp.Option, error) {
	opts := []interp.Option{interp.WithMaxTransitions(f.maxTransitions), interp.WithHistory(f.history)}
	if f.virtualClock {
		opts = append(opts, interp.WithClock(interp.NewVirtualClock(time.Now())))
	}
	if f.dataDir != "" {
		opts = append(opts, interp.WithDataDir(f.dataDir))
	}
	if f.mockConfig == "" {
		return opts, nil
	}
	data, err := os.ReadFile(f.mockConfig)
	if err != nil {
		return nil, fmt.Errorf("reading mock config: %w", err)
	}
	cfg, err := interp.ParseMockConfig(data)
	if err != nil {
		return nil, err
	}
	return append(opts, interp.WithMocks(cfg, f.machine, f.testCase)), nil
}

// reportStartFailure prints an execution that could not start (input over
// the size limit) as a failure.
func reportStartFailure(cmd *cobra.Command, err error) error {
	var fl *interp.Failure
	if !errors.As(err, &fl) {
		return exitWith(2, err.Error())
	}
	if werr := writeJSON(cmd.OutOrStdout(), map[string]string{"Error": fl.Name, "Cause": fl.Cause}); werr != nil {
		return werr
	}
	return exitWith(1, "")
}

func printASLResult(cmd *cobra.Command, res *interp.Result, exec *interp.Execution, history bool) error {
	var body any = res.Output
	failed := res.Status != interp.StatusSucceeded
	if failed {
		body = map[string]string{"Error": res.Error, "Cause": res.Cause}
	}
	if history {
		key := "output"
		if failed {
			key = "error"
		}
		body = map[string]any{key: body, "events": exec.History()}
	}
	if err := writeJSON(cmd.OutOrStdout(), body); err != nil {
		return fmt.Errorf("writing result: %w", err)
	}
	if failed {
		return exitWith(1, "")
	}
	return nil
}
