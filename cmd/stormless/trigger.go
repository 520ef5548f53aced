package main

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/stormless/stormless/internal/client"
	"github.com/stormless/stormless/internal/pack"
)

func newTriggerCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "trigger",
		Short: "List and inspect trigger types",
		Long: `Trigger types are what rules listen to: the built-in ones (webhooks,
timers, action completion, key-value changes, aws.events for AWS service
events) and those the loaded packs' sensors declare.`,
	}
	cmd.AddCommand(newTriggerListCmd(), newTriggerGetCmd())
	return cmd
}

func newTriggerListCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List trigger types, built-ins included, sorted by ref",
		Long:  "List trigger types, built-ins included, sorted by ref.\n" + sourceHelp,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return listFromSource(cmd, func(ctx context.Context, c *client.Client) ([]*pack.TriggerType, any, error) {
				types, err := c.TriggerTypes(ctx, "")
				all := make([]*pack.TriggerType, len(types))
				for i := range types {
					all[i] = &types[i].TriggerType
				}
				return all, types, err
			}, (*pack.Set).TriggerTypes, triggerTypeTable)
		},
	}
	addPacksFlag(cmd)
	addOutputFlag(cmd)
	return cmd
}

// triggerTypeTable lists trigger types.
func triggerTypeTable(types []*pack.TriggerType) table {
	t := table{header: []string{"ref", "built in", "description"}}
	for _, tt := range types {
		t.rows = append(t.rows, []string{tt.Ref, strconv.FormatBool(tt.Builtin), oneLine(tt.Description, 80)})
	}
	return t
}

func newTriggerGetCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "get REF",
		Short:   "Show one trigger type: its parameters and payload fields",
		Long:    "Show one trigger type: its parameters and payload fields.\n" + sourceHelp,
		Example: "  stormless trigger get core.st2.webhook",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return getFromSource(cmd, args[0], "trigger type", "trigger list", func(ctx context.Context, c *client.Client, ref string) (*pack.TriggerType, any, error) {
				tt, err := c.TriggerType(ctx, ref)
				return &tt.TriggerType, tt, err
			}, (*pack.Set).TriggerType, printTriggerType)
		},
	}
	addPacksFlag(cmd)
	addOutputFlag(cmd)
	return cmd
}

// printTriggerType prints tt's fields and schema as a table, or v as JSON
// or YAML.
func printTriggerType(cmd *cobra.Command, tt *pack.TriggerType, v any) error {
	if isTableOutput(cmd) {
		printFields(cmd.OutOrStdout(), [][2]string{{"ref", tt.Ref}, {"description", oneLine(tt.Description, 100)},
			{"built in", strconv.FormatBool(tt.Builtin)}, {"file", tt.Pos.File}})
	}
	t := table{header: []string{"field", "kind", "type", "required", "description"}}
	t.rows = append(schemaRows(tt.ParametersSchema, "parameter"), schemaRows(tt.PayloadSchema, "payload")...)
	return printOutput(cmd, v, t)
}

// schemaRows lists the top-level properties of an object schema.
func schemaRows(schema map[string]any, kind string) [][]string {
	props, _ := schema["properties"].(map[string]any)
	required, _ := schema["required"].([]any)
	var rows [][]string
	for _, name := range slices.Sorted(maps.Keys(props)) {
		p, _ := props[name].(map[string]any)
		req := p["required"] == true || slices.Contains(required, any(name))
		desc, _ := p["description"].(string)
		rows = append(rows, []string{name, kind, schemaType(p), strconv.FormatBool(req), oneLine(desc, 60)})
	}
	return rows
}

// schemaType describes a property's type: its type, its anyOf types or its
// enum.
func schemaType(p map[string]any) string {
	if t := renderValue(p["type"]); t != "" {
		return t
	}
	if alts, ok := p["anyOf"].([]any); ok {
		var types []string
		for _, a := range alts {
			if m, ok := a.(map[string]any); ok {
				types = append(types, renderValue(m["type"]))
			}
		}
		return strings.Join(types, "|")
	}
	if p["enum"] != nil {
		return "enum " + renderValue(p["enum"])
	}
	return "any"
}
