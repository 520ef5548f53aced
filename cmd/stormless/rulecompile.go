package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/rule"
)

func newRuleCompileCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "compile RULE.yaml|REF",
		Short: "Print the EventBridge pattern and residual criteria a rule compiles to",
		Long: `Compile a rule file (or the rule of that ref in --packs) to the EventBridge
event pattern that routes its trigger instances, plus the residual criteria
checked with StackStorm's exact semantics after the pattern matched.
"exact" is true when the pattern decides alone. The pattern never drops an event StackStorm would accept.
Problems in the rule that do not affect matching (its action) are noted on
stderr.

Criteria keep a residual check wherever EventBridge's meaning may differ:
arrays (EventBridge matches any element), null versus absent, numbers
beyond EventBridge's precision, regexes (an anchored one still narrows the
pattern by its literal prefix), timediff, search, templated patterns. --trust-payload-schema drops the check for criteria whose path
the trigger type's payload_schema declares free of arrays.`,
		Example: "  stormless rule compile packs/examples/rules/greet_on_webhook.yaml",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := compileRuleFile(cmd, args[0])
			if err != nil {
				return err
			}
			return writeJSON(cmd.OutOrStdout(), c)
		},
	}
	addRuleCompileFlags(cmd)
	return cmd
}

func newRuleTestCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "test RULE.yaml|REF TRIGGER_INSTANCE.json",
		Short: "Explain, per criterion, whether a trigger instance matches a rule",
		Long: `Test a trigger instance against a rule file (or the rule of that ref in
--packs), like st2-rule-tester. The instance
is StackStorm's {"trigger": "core.st2.webhook", "payload": {...}} (matched
on the trigger type alone, as st2-rule-tester does) or a full EventBridge
event (matched on everything, trigger parameters included).

For each criterion it prints the value found, the operator, the rendered
pattern, the verdict, and whether the event pattern or the residual check
decided it. Exit status: 0 match, 1 no match, 2 error.`,
		Example: "  stormless rule test rules/greet.yaml instance.json --kv greeting=hello",
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRuleTest(cmd, args[0], args[1])
		},
	}
	addRuleCompileFlags(cmd)
	cmd.Flags().StringArray("kv", nil, "datastore entry KEY=VALUE that {{ st2kv.system.KEY }} reads (repeatable)")
	addOutputFlag(cmd)
	return cmd
}

func addRuleCompileFlags(cmd *cobra.Command) {
	addPacksFlag(cmd)
	cmd.Flags().Bool("trust-payload-schema", false, "assume payloads conform to the trigger type's payload_schema")
}

// compileRuleFile loads a rule file against the packs and compiles it;
// every failure asks for exit status 2.
func compileRuleFile(cmd *cobra.Command, path string) (*rule.Compiled, error) {
	s, err := loadPackSet(cmd)
	var list pack.ErrorList
	switch {
	case err != nil && errors.As(err, &list) && s != nil:
		fmt.Fprintf(cmd.ErrOrStderr(), "note: the packs have %d problem(s); run `stormless pack validate` for details\n", len(list))
	case err != nil:
		// Without packs, built-in trigger types still resolve.
		fmt.Fprintf(cmd.ErrOrStderr(), "note: %v\n", err)
		s = nil
	}
	r, err := loadRule(path, s)
	if r == nil {
		return nil, exitWith(2, fmt.Sprintf("loading rule %s: %v", path, err))
	}
	if err != nil {
		// Problems outside the trigger and criteria (an unknown action, a
		// missing action parameter) do not change how the rule matches.
		fmt.Fprintf(cmd.ErrOrStderr(), "note: %v\n", err)
	}
	var opts []rule.Option
	if trust, _ := cmd.Flags().GetBool("trust-payload-schema"); trust && s != nil {
		if tt, ok := s.TriggerType(r.Trigger.Type); ok && tt.PayloadSchema != nil {
			opts = append(opts, rule.WithTrustedPayloadSchema(tt.PayloadSchema))
		}
	}
	c, err := rule.Compile(r, opts...)
	if err != nil {
		return nil, exitWith(2, err.Error())
	}
	for _, w := range c.Warnings {
		fmt.Fprintf(cmd.ErrOrStderr(), "warning: %s\n", w)
	}
	return c, nil
}

// loadRule loads a rule file, or, when no such file exists, the rule of
// that ref in the loaded packs.
func loadRule(arg string, s *pack.Set) (*pack.Rule, error) {
	if _, err := os.Stat(arg); err != nil && s != nil {
		if r, ok := s.Rule(arg); ok {
			return r, nil
		}
	}
	return pack.LoadRuleFile(arg, s)
}

func runRuleTest(cmd *cobra.Command, rulePath, instancePath string) error {
	c, err := compileRuleFile(cmd, rulePath)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(instancePath)
	if err != nil {
		return exitWith(2, fmt.Sprintf("reading trigger instance: %v", err))
	}
	event, err := rule.EventFromInstance(data, c)
	if err != nil {
		return exitWith(2, fmt.Sprintf("%s: %v", instancePath, err))
	}
	ds, err := kvFlag(cmd)
	if err != nil {
		return err
	}
	res, err := rule.Test(cmd.Context(), c, event, rule.WithDatastore(ds))
	if err != nil {
		return exitWith(2, err.Error())
	}
	if err := printTestResult(cmd, c, res); err != nil {
		return exitWith(2, err.Error())
	}
	if !res.Match {
		return exitWith(1, "")
	}
	return nil
}

// kvFlag reads --kv KEY=VALUE entries.
func kvFlag(cmd *cobra.Command) (rule.MapDatastore, error) {
	entries, _ := cmd.Flags().GetStringArray("kv")
	ds := rule.MapDatastore{}
	for _, e := range entries {
		k, v, ok := strings.Cut(e, "=")
		if !ok || k == "" {
			return nil, exitWith(2, fmt.Sprintf("--kv %q: want KEY=VALUE", e))
		}
		ds[k] = v
	}
	return ds, nil
}

func printTestResult(cmd *cobra.Command, c *rule.Compiled, res *rule.TestResult) error {
	if !isTableOutput(cmd) {
		return printOutput(cmd, res, table{})
	}
	w := cmd.OutOrStdout()
	fmt.Fprintf(w, "rule %s: %s\n", c.Rule, verdict(res.Match))
	fmt.Fprintf(w, "trigger %s: %s\n", c.TriggerType, verdictWord(res.TriggerMatch, "matches", "does not match (source, detail-type or trigger parameters)"))
	fmt.Fprintf(w, "event pattern: %s\n", verdictWord(res.PatternMatch, "matches", "does not match"))
	if res.Reason != "" {
		fmt.Fprintf(w, "note: %s\n", res.Reason)
	}
	if len(res.Criteria) == 0 {
		fmt.Fprintln(w, "no criteria")
		return nil
	}
	fmt.Fprintln(w)
	t := table{header: []string{"criterion", "value", "operator", "pattern", "verdict", "decided by"}}
	for _, x := range res.Criteria {
		t.rows = append(t.rows, []string{x.Key, shownValue(x), x.Type, oneLine(jsonText(x.Pattern), 50), criterionVerdict(x), x.DecidedBy})
	}
	return writeTable(w, t)
}

func verdict(ok bool) string { return verdictWord(ok, "MATCH", "NO MATCH") }

func verdictWord(ok bool, yes, no string) string {
	if ok {
		return yes
	}
	return no
}

func criterionVerdict(x rule.Explanation) string {
	v := verdictWord(x.Match, "match", "no match")
	if x.Error != "" {
		v += " (" + oneLine(x.Error, 80) + ")"
	}
	return v
}

func shownValue(x rule.Explanation) string {
	if !x.Found {
		return "(absent)"
	}
	return oneLine(jsonText(x.Value), 40)
}

// jsonText shows a value as compact JSON.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
