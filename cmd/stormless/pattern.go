package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/stormless/stormless/internal/eventpattern"
)

func newPatternCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "pattern",
		Short: "Check EventBridge event patterns",
	}
	cmd.AddCommand(newPatternTestCmd())
	return cmd
}

func newPatternTestCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "test PATTERN.json EVENT.json",
		Short: "Test an event against an EventBridge event pattern",
		Long: `Test an event against an EventBridge event pattern, as EventBridge's
TestEventPattern does, with Stormless's EventBridge-faithful matcher.

Prints "match" and exits 0 when the event matches, prints "no match" and
exits 1 when it does not, and exits 2 when a file cannot be read, the
pattern is invalid (the message names the JSON path) or the event is not
a JSON object.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 2 {
				return exitWith(2, fmt.Sprintf("pattern test takes PATTERN.json and EVENT.json, got %d arguments", len(args)))
			}
			return nil
		},
		RunE: runPatternTest,
	}
}

func runPatternTest(cmd *cobra.Command, args []string) error {
	patternData, err := os.ReadFile(args[0])
	if err != nil {
		return exitWith(2, fmt.Sprintf("reading pattern: %v", err))
	}
	p, err := eventpattern.Parse(patternData)
	if err != nil {
		return exitWith(2, fmt.Sprintf("%s: %v", args[0], err))
	}
	event, err := os.ReadFile(args[1])
	if err != nil {
		return exitWith(2, fmt.Sprintf("reading event: %v", err))
	}
	ok, err := p.Match(event)
	if err != nil {
		return exitWith(2, fmt.Sprintf("%s: %v", args[1], err))
	}
	if !ok {
		fmt.Fprintln(cmd.OutOrStdout(), "no match")
		return exitWith(1, "")
	}
	fmt.Fprintln(cmd.OutOrStdout(), "match")
	return nil
}
