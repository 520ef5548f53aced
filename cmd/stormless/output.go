package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"
)

// outputFormats lists the values --output accepts.
var outputFormats = []string{"table", "json", "yaml"}

// addOutputFlag adds --output (-o) to a listing command.
func addOutputFlag(cmd *cobra.Command) {
	f := outputFormat("table")
	cmd.Flags().VarP(&f, "output", "o", "output format: "+strings.Join(outputFormats, ", "))
}

// outputFormat is the value of --output, checked when the flag is parsed
// so that a mistyped format fails before the command acts.
type outputFormat string

// String returns the format.
func (f *outputFormat) String() string { return string(*f) }

// Set accepts one of outputFormats.
func (f *outputFormat) Set(s string) error {
	if !slices.Contains(outputFormats, s) {
		return fmt.Errorf("unknown format %q: use one of %s", s, strings.Join(outputFormats, ", "))
	}
	*f = outputFormat(s)
	return nil
}

// Type is "string", so that Flags().GetString reads the flag.
func (f *outputFormat) Type() string { return "string" }

// isTableOutput reports whether the command prints a table.
func isTableOutput(cmd *cobra.Command) bool {
	f, _ := cmd.Flags().GetString("output")
	return f == "" || f == "table"
}

// table is what a listing prints in table form.
type table struct {
	header []string
	rows   [][]string
}

// printOutput writes v as JSON or YAML, or t as an aligned table, as the
// command's --output flag says. JSON and YAML use v's JSON field names.
func printOutput(cmd *cobra.Command, v any, t table) error {
	format, _ := cmd.Flags().GetString("output")
	w := cmd.OutOrStdout()
	switch format {
	case "json":
		return writeJSON(w, v)
	case "yaml":
		return writeYAML(w, v)
	case "table", "":
		return writeTable(w, t)
	default:
		return exitWith(2, fmt.Sprintf("unknown --output %q: use one of %s", format, strings.Join(outputFormats, ", ")))
	}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func writeYAML(w io.Writer, v any) error {
	// Round-trip through JSON so YAML keys follow the json tags.
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encoding output: %w", err)
	}
	var generic any
	if err := json.Unmarshal(data, &generic); err != nil {
		return fmt.Errorf("encoding output: %w", err)
	}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(generic); err != nil {
		return fmt.Errorf("encoding output: %w", err)
	}
	return enc.Close()
}

func writeTable(w io.Writer, t table) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.ToUpper(strings.Join(t.header, "\t")))
	for _, r := range t.rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
}
