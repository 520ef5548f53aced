package main

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
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
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := loadPackSetForListing(cmd)
			if err != nil {
				return err
			}
			types := s.TriggerTypes()
			t := table{header: []string{"ref", "built in", "description"}}
			for _, tt := range types {
				t.rows = append(t.rows, []string{tt.Ref, strconv.FormatBool(tt.Builtin), oneLine(tt.Description, 80)})
			}
			return printOutput(cmd, types, t)
		},
	}
	addPacksFlag(cmd)
	addOutputFlag(cmd)
	return cmd
}

func newTriggerGetCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "get REF",
		Short:   "Show one trigger type: its parameters and payload fields",
		Example: "  stormless trigger get core.st2.webhook",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := loadPackSetForListing(cmd)
			if err != nil {
				return err
			}
			tt, ok := s.TriggerType(args[0])
			if !ok {
				return notFound("trigger type", args[0], "trigger list")
			}
			if isTableOutput(cmd) {
				printFields(cmd.OutOrStdout(), [][2]string{{"ref", tt.Ref}, {"description", oneLine(tt.Description, 100)},
					{"built in", strconv.FormatBool(tt.Builtin)}, {"file", tt.Pos.File}})
			}
			t := table{header: []string{"field", "kind", "type", "required", "description"}}
			t.rows = append(schemaRows(tt.ParametersSchema, "parameter"), schemaRows(tt.PayloadSchema, "payload")...)
			return printOutput(cmd, tt, t)
		},
	}
	addPacksFlag(cmd)
	addOutputFlag(cmd)
	return cmd
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
