package main

import (
	"strconv"

	"github.com/spf13/cobra"
	"github.com/stormless/stormless/internal/pack"
)

func newRuleCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rule",
		Short: "List, inspect, compile and test rules",
		Long: `A rule fires an action when a trigger instance (a webhook call, a timer,
an AWS event...) matches its criteria. "compile" shows the EventBridge
pattern and residual check a rule becomes; "test" explains why an event
matches or not.`,
	}
	cmd.AddCommand(newRuleListCmd(), newRuleGetCmd(), newRuleCompileCmd(), newRuleTestCmd())
	return cmd
}

func newRuleListCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List rules, sorted by ref",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := loadPackSetForListing(cmd)
			if err != nil {
				return err
			}
			only, _ := cmd.Flags().GetString("pack")
			rules := []*pack.Rule{}
			t := table{header: []string{"ref", "enabled", "trigger", "action", "description"}}
			for _, r := range s.Rules() {
				if only != "" && r.Pack != only {
					continue
				}
				rules = append(rules, r)
				t.rows = append(t.rows, []string{r.Ref, strconv.FormatBool(r.Enabled), r.Trigger.Type, r.Action.Ref, oneLine(r.Description, 60)})
			}
			return printOutput(cmd, rules, t)
		},
	}
	cmd.Flags().String("pack", "", "only the rules of this pack")
	addPacksFlag(cmd)
	addOutputFlag(cmd)
	return cmd
}

func newRuleGetCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "get REF",
		Short:   "Show one rule: trigger, criteria in file order, action",
		Example: "  stormless rule get examples.greet_on_webhook",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := loadPackSetForListing(cmd)
			if err != nil {
				return err
			}
			r, ok := s.Rule(args[0])
			if !ok {
				return notFound("rule", args[0], "rule list")
			}
			if isTableOutput(cmd) {
				printFields(cmd.OutOrStdout(), [][2]string{{"ref", r.Ref}, {"description", oneLine(r.Description, 100)},
					{"enabled", strconv.FormatBool(r.Enabled)}, {"trigger", r.Trigger.Type},
					{"trigger parameters", renderValue(r.Trigger.Parameters)}, {"action", r.Action.Ref},
					{"action parameters", renderValue(r.Action.Parameters)}, {"file", r.Pos.File}})
			}
			t := table{header: []string{"criterion", "operator", "pattern"}}
			for _, c := range r.Criteria {
				t.rows = append(t.rows, []string{c.Key, c.Type, oneLine(renderValue(c.Pattern), 60)})
			}
			return printOutput(cmd, r, t)
		},
	}
	addPacksFlag(cmd)
	addOutputFlag(cmd)
	return cmd
}
