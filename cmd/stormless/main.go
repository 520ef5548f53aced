// Command stormless is Stormless's command-line interface: it validates and
// inspects packs, compiles rules and workflows, runs ASL locally and (with
// `stormless up`) the whole local runtime.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

func main() {
	if err := newRootCmd().Execute(); err != nil {
		code := 1
		var ec exitCoder
		if errors.As(err, &ec) {
			code = ec.ExitCode()
		}
		if msg := err.Error(); msg != "" {
			fmt.Fprintln(os.Stderr, "stormless:", msg)
		}
		os.Exit(code)
	}
}

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "stormless",
		Short: "Event-driven operations automation, serverless on AWS or on one machine",
		Long: `Stormless runs StackStorm-format packs: sensors emit triggers, rules match
them and fire actions, workflows chain actions. The same compiled artifacts
(EventBridge patterns, Step Functions ASL) run on AWS or locally.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(
		newVersionCmd(),
		newPackCmd(),
		newActionCmd(),
		newRuleCmd(),
		newTriggerCmd(),
		newPatternCmd(),
		newASLCmd(),
		newWorkflowCmd(),
		newUpCmd(),
		newAPIKeyCmd(),
		newPacksCmd(),
		newRunCmd(),
		newExecutionCmd(),
		newTriggerInstanceCmd(),
		newRuleEnforcementCmd(),
		newTraceCmd(),
		newKeyCmd(),
		newInquiryCmd(),
		newWebhookCmd(),
		newPurgeCmd(),
	)
	addServerFlags(root)
	strictUsage(root)
	return root
}
