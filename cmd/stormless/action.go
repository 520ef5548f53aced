package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/stormless/stormless/internal/client"
	"github.com/stormless/stormless/internal/pack"
)

func newActionCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "action",
		Short: "List and inspect actions",
		Long: `Actions are what rules and workflows run: a runner type (shell command or
script, SSH, HTTP, Python, Orquesta, action-chain...) plus parameters. The
parameters shown include those the runner adds.`,
	}
	cmd.AddCommand(newActionListCmd(), newActionGetCmd())
	return cmd
}

func newActionListCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List actions, sorted by ref",
		Long:  "List actions, sorted by ref.\n" + sourceHelp,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			only, _ := cmd.Flags().GetString("pack")
			return listFromSource(cmd, func(ctx context.Context, c *client.Client) ([]*pack.Action, any, error) {
				actions, err := c.Actions(ctx, only)
				all := make([]*pack.Action, len(actions))
				for i := range actions {
					all[i] = &actions[i].Action
				}
				return all, actions, err
			}, func(s *pack.Set) []*pack.Action {
				return packOnly(s.Actions(), only, func(a *pack.Action) string { return a.Pack })
			}, actionTable)
		},
	}
	cmd.Flags().String("pack", "", "only the actions of this pack")
	addPacksFlag(cmd)
	addOutputFlag(cmd)
	return cmd
}

// actionTable lists actions.
func actionTable(actions []*pack.Action) table {
	t := table{header: []string{"ref", "runner", "enabled", "description"}}
	for _, a := range actions {
		t.rows = append(t.rows, []string{a.Ref, a.RunnerType, strconv.FormatBool(a.Enabled), oneLine(a.Description, 70)})
	}
	return t
}

func newActionGetCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:               "get REF",
		Short:             "Show one action with its parameters (runner parameters merged in)",
		Long:              "Show one action with its parameters (runner parameters merged in).\n" + sourceHelp,
		Example:           "  stormless action get core.local",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeActionRefs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return getFromSource(cmd, args[0], "action", "action list", func(ctx context.Context, c *client.Client, ref string) (*pack.Action, any, error) {
				a, err := c.Action(ctx, ref)
				return &a.Action, a, err
			}, (*pack.Set).Action, printAction)
		},
	}
	addPacksFlag(cmd)
	addOutputFlag(cmd)
	return cmd
}

// printAction prints a's fields and parameters as a table, or v as JSON or
// YAML.
func printAction(cmd *cobra.Command, a *pack.Action, v any) error {
	if isTableOutput(cmd) {
		printFields(cmd.OutOrStdout(), [][2]string{{"ref", a.Ref}, {"description", a.Description}, {"runner", a.RunnerType},
			{"entry point", a.EntryPoint}, {"enabled", strconv.FormatBool(a.Enabled)}, {"file", a.Pos.File}})
	}
	return printOutput(cmd, v, paramTable(a.Parameters))
}

// printFields prints "key: value" lines (skipping empty values) and a blank line.
func printFields(w io.Writer, kv [][2]string) {
	for _, f := range kv {
		if f[1] != "" {
			fmt.Fprintf(w, "%s: %s\n", f[0], f[1])
		}
	}
	fmt.Fprintln(w)
}

// paramTable lists parameters: positional ones first, then by name.
func paramTable(params map[string]*pack.Param) table {
	t := table{header: []string{"parameter", "type", "required", "default", "flags", "description"}}
	for _, p := range sortedParams(params) {
		t.rows = append(t.rows, []string{p.Name, renderValue(p.Type), strconv.FormatBool(p.Required),
			defaultText(p), paramFlags(p), oneLine(p.Description, 60)})
	}
	return t
}

func sortedParams(params map[string]*pack.Param) []*pack.Param {
	names := slices.Sorted(maps.Keys(params))
	out := make([]*pack.Param, 0, len(names))
	for _, n := range names {
		out = append(out, params[n])
	}
	slices.SortStableFunc(out, func(a, b *pack.Param) int {
		return cmp.Compare(position(a), position(b))
	})
	return out
}

func position(p *pack.Param) int {
	if p.Position == nil {
		return 1 << 30
	}
	return *p.Position
}

func paramFlags(p *pack.Param) string {
	var f []string
	if p.Position != nil {
		f = append(f, "position="+strconv.Itoa(*p.Position))
	}
	if p.Secret {
		f = append(f, "secret")
	}
	if p.Immutable {
		f = append(f, "immutable")
	}
	return strings.Join(f, ",")
}

func defaultText(p *pack.Param) string {
	if !p.HasDefault || p.Default == nil {
		return ""
	}
	if p.Secret {
		return "********"
	}
	return oneLine(renderValue(p.Default), 40)
}

// renderValue shows a value compactly: strings bare, others as JSON.
func renderValue(v any) string {
	if v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(data)
}
