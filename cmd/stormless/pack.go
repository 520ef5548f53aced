package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"
	"github.com/stormless/stormless/internal/client"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/sensor"
)

func newPackCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "pack",
		Short: "Validate, list and reload packs",
		Long: `Packs are directories in StackStorm's format: pack.yaml, actions/, rules/,
sensors/, policies/, aliases/ and config.schema.yaml. "pack reload" is
"packs reload" (st2's pack commands are all under "pack").`,
	}
	cmd.AddCommand(newPackValidateCmd(), newPackListCmd(), newPacksReloadCmd())
	return cmd
}

func newPackValidateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "validate [DIR...]",
		Short: "Check packs and report every problem with its file and line",
		Long: `Load the packs in each DIR (a pack, or a directory of packs; default
"packs") and check everything: YAML syntax, fields and their types,
parameter schemas and defaults, runner types, entry point files, rule
triggers and actions across all the packs given, policies and duplicates.
A reference into a pack that is not among those given is only a warning:
add that pack to check it.

Exits 0 and prints one summary line per pack when all is well; exits 1 and
prints every problem as FILE:LINE:COL: MESSAGE on stderr otherwise.`,
		Example: `  stormless pack validate
  stormless pack validate packs ../my-packs/mypack`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = []string{defaultPacksDir}
			}
			s, err := pack.Load(args...)
			return reportValidation(cmd, s, err)
		},
	}
}

// reportValidation prints warnings, then either the problems or the
// summary.
func reportValidation(cmd *cobra.Command, s *pack.Set, err error) error {
	if s != nil {
		for _, w := range s.Warnings() {
			fmt.Fprintln(cmd.ErrOrStderr(), "warning:", w)
		}
	}
	var list pack.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Fprintln(cmd.ErrOrStderr(), e)
		}
		return exitWith(1, fmt.Sprintf("%d problem(s) in %d file(s)", len(list), len(list.Files())))
	}
	if err != nil {
		return err
	}
	for _, p := range s.Packs() {
		fmt.Fprintln(cmd.OutOrStdout(), packSummary(p))
	}
	return nil
}

func packSummary(p *pack.Pack) string {
	return fmt.Sprintf("%s: %s, %s, %s, %s, %s, %s", p.Ref,
		count(len(p.Actions), "action"), count(len(p.Rules), "rule"), count(len(p.Sensors), "sensor"),
		count(len(p.TriggerTypes), "trigger type"), count(len(p.Policies), "policy"), count(len(p.Aliases), "alias"))
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	plural := map[string]string{"policy": "policies", "alias": "aliases"}[noun]
	if plural == "" {
		plural = noun + "s"
	}
	return strconv.Itoa(n) + " " + plural
}

// packRow is what pack list prints per pack; a count is nil when the
// source does not tell it (a server does not list policies and aliases,
// nor sensors unless it runs them), and Dir is empty for a server's packs.
type packRow struct {
	Ref          string `json:"ref"`
	Version      string `json:"version,omitempty"`
	Description  string `json:"description,omitempty"`
	Dir          string `json:"dir,omitempty"`
	Actions      *int   `json:"actions,omitempty"`
	Rules        *int   `json:"rules,omitempty"`
	Sensors      *int   `json:"sensors,omitempty"`
	TriggerTypes *int   `json:"trigger_types,omitempty"`
	Policies     *int   `json:"policies,omitempty"`
	Aliases      *int   `json:"aliases,omitempty"`
}

func newPackListCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the packs with what each holds",
		Long: `List the packs with what each holds. A server does not report policies
and aliases (nor sensors, unless it runs them): their counts are left empty
then.
` + sourceHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			src, err := openPackSource(cmd)
			if err != nil {
				return err
			}
			var rows []packRow
			if src.c != nil {
				if rows, err = serverPackRows(cmd.Context(), src.c); err != nil {
					return serverError(err)
				}
			} else {
				rows = diskPackRows(src.set)
			}
			t := table{header: []string{"pack", "version", "actions", "rules", "sensors", "trigger types", "description"}}
			for _, r := range rows {
				t.rows = append(t.rows, []string{r.Ref, r.Version, countText(r.Actions), countText(r.Rules),
					countText(r.Sensors), countText(r.TriggerTypes), oneLine(r.Description, 60)})
			}
			return printOutput(cmd, rows, t)
		},
	}
	addPacksFlag(cmd)
	addOutputFlag(cmd)
	return cmd
}

// diskPackRows describes the packs of s.
func diskPackRows(s *pack.Set) []packRow {
	rows := []packRow{}
	for _, p := range s.Packs() {
		rows = append(rows, packRow{Ref: p.Ref, Version: p.Version, Description: p.Description, Dir: p.Dir,
			Actions: ptr(len(p.Actions)), Rules: ptr(len(p.Rules)), Sensors: ptr(len(p.Sensors)),
			TriggerTypes: ptr(len(p.TriggerTypes)), Policies: ptr(len(p.Policies)), Aliases: ptr(len(p.Aliases))})
	}
	return rows
}

// serverPackRows describes the server's packs, counting their actions,
// rules, trigger types and (when the server runs sensors) sensors from
// those listings.
func serverPackRows(ctx context.Context, c *client.Client) ([]packRow, error) {
	packs, err := c.Packs(ctx)
	if err != nil {
		return nil, err
	}
	actions, err := c.Actions(ctx, "")
	if err != nil {
		return nil, err
	}
	rules, err := c.Rules(ctx, client.RuleFilter{})
	if err != nil {
		return nil, err
	}
	types, err := c.TriggerTypes(ctx, "")
	if err != nil {
		return nil, err
	}
	sensors, err := c.SensorTypes(ctx, "")
	if err != nil && !client.IsNotFound(err) {
		return nil, err
	}
	nActions := countByPack(actions, func(a client.Action) string { return a.Pack })
	nRules := countByPack(rules, func(r client.Rule) string { return r.Pack })
	nTypes := countByPack(types, func(t client.TriggerType) string { return t.Pack })
	nSensors := countByPack(sensors, func(t sensor.Type) string { return t.Pack })
	rows := []packRow{}
	for _, p := range packs {
		r := packRow{Ref: p.Ref, Version: p.Version, Description: p.Description,
			Actions: ptr(nActions[p.Ref]), Rules: ptr(nRules[p.Ref]), TriggerTypes: ptr(nTypes[p.Ref])}
		if sensors != nil {
			r.Sensors = ptr(nSensors[p.Ref])
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// countByPack counts items by the pack packOf names.
func countByPack[T any](items []T, packOf func(T) string) map[string]int {
	n := map[string]int{}
	for _, it := range items {
		n[packOf(it)]++
	}
	return n
}

// ptr returns a pointer to n.
func ptr(n int) *int { return &n }

// countText shows a count, empty when unknown.
func countText(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}
