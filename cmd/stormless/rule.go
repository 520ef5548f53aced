package main

import (
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
			src, err := openPackSource(cmd)
			if err != nil {
				return err
			}
			only, _ := cmd.Flags().GetString("pack")
			if src.c != nil {
				rules, err := src.c.Rules(cmd.Context(), client.RuleFilter{Pack: only})
				if err != nil {
					return serverError(err)
				}
				all := make([]*pack.Rule, len(rules))
				for i := range rules {
					all[i] = &rules[i].Rule
				}
				return printOutput(cmd, rules, ruleTable(all))
			}
			rules := []*pack.Rule{}
			for _, r := range src.set.Rules() {
				if only == "" || r.Pack == only {
					rules = append(rules, r)
				}
			}
			return printOutput(cmd, rules, ruleTable(rules))
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
			src, err := openPackSource(cmd)
			if err != nil {
				return err
			}
			if src.c != nil {
				r, err := src.c.Rule(cmd.Context(), args[0])
				if client.IsNotFound(err) {
					return notFound("rule", args[0], "rule list")
				}
				if err != nil {
					return serverError(err)
				}
				return printRule(cmd, &r.Rule, r)
			}
			r, ok := src.set.Rule(args[0])
			if !ok {
				return notFound("rule", args[0], "rule list")
			}
			return printRule(cmd, r, r)
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
