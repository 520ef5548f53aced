package main

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"
	"github.com/stormless/stormless/internal/pack"
)

func newPackCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "pack",
		Short: "Validate and list packs",
		Long: `Packs are directories in StackStorm's format: pack.yaml, actions/, rules/,
sensors/, policies/, aliases/ and config.schema.yaml.`,
	}
	cmd.AddCommand(newPackValidateCmd(), newPackListCmd())
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

// packRow is what pack list prints per pack.
type packRow struct {
	Ref          string `json:"ref"`
	Version      string `json:"version,omitempty"`
	Description  string `json:"description,omitempty"`
	Dir          string `json:"dir"`
	Actions      int    `json:"actions"`
	Rules        int    `json:"rules"`
	Sensors      int    `json:"sensors"`
	TriggerTypes int    `json:"trigger_types"`
	Policies     int    `json:"policies"`
	Aliases      int    `json:"aliases"`
}

func newPackListCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the packs with what each holds",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := loadPackSetForListing(cmd)
			if err != nil {
				return err
			}
			rows := []packRow{}
			t := table{header: []string{"pack", "version", "actions", "rules", "sensors", "trigger types", "description"}}
			for _, p := range s.Packs() {
				r := packRow{Ref: p.Ref, Version: p.Version, Description: p.Description, Dir: p.Dir,
					Actions: len(p.Actions), Rules: len(p.Rules), Sensors: len(p.Sensors),
					TriggerTypes: len(p.TriggerTypes), Policies: len(p.Policies), Aliases: len(p.Aliases)}
				rows = append(rows, r)
				t.rows = append(t.rows, []string{r.Ref, r.Version, strconv.Itoa(r.Actions), strconv.Itoa(r.Rules),
					strconv.Itoa(r.Sensors), strconv.Itoa(r.TriggerTypes), oneLine(r.Description, 60)})
			}
			return printOutput(cmd, rows, t)
		},
	}
	addPacksFlag(cmd)
	addOutputFlag(cmd)
	return cmd
}
