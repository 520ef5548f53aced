package main

import (
	"context"
	"strconv"

	"github.com/spf13/cobra"
	"github.com/stormless/stormless/internal/client"
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
		Long:  "List rules, sorted by ref.\n" + sourceHelp,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			only, _ := cmd.Flags().GetString("pack")
			return listFromSource(cmd, func(ctx context.Context, c *client.Client) ([]*pack.Rule, any, error) {
				rules, err := c.Rules(ctx, client.RuleFilter{Pack: only})
				all := make([]*pack.Rule, len(rules))
				for i := range rules {
					all[i] = &rules[i].Rule
				}
				return all, rules, err
			}, func(s *pack.Set) []*pack.Rule {
				return packOnly(s.Rules(), only, func(r *pack.Rule) string { return r.Pack })
			}, ruleTable)
		},
	}
	cmd.Flags().String("pack", "", "only the rules of this pack")
	addPacksFlag(cmd)
	addOutputFlag(cmd)
	return cmd
}

// ruleTable lists rules.
func ruleTable(rules []*pack.Rule) table {
	t := table{header: []string{"ref", "enabled", "trigger", "action", "description"}}
	for _, r := range rules {
		t.rows = append(t.rows, []string{r.Ref, strconv.FormatBool(r.Enabled), r.Trigger.Type, r.Action.Ref, oneLine(r.Description, 60)})
	}
	return t
}

func newRuleGetCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "get REF",
		Short:   "Show one rule: trigger, criteria in file order, action",
		Long:    "Show one rule: trigger, criteria (in file order from disk, by key from a server), action.\n" + sourceHelp,
		Example: "  stormless rule get examples.greet_on_webhook",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return getFromSource(cmd, args[0], "rule", "rule list", func(ctx context.Context, c *client.Client, ref string) (*pack.Rule, any, error) {
				r, err := c.Rule(ctx, ref)
				return &r.Rule, r, err
			}, (*pack.Set).Rule, printRule)
		},
	}
	addPacksFlag(cmd)
	addOutputFlag(cmd)
	return cmd
}

// printRule prints r's fields and criteria as a table, or v as JSON or YAML.
func printRule(cmd *cobra.Command, r *pack.Rule, v any) error {
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
	return printOutput(cmd, v, t)
}
