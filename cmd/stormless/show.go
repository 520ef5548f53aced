package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/stormless/stormless/internal/execution"
)

// timeText shows t in RFC 3339 (local zone), empty when zero.
func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format(time.RFC3339)
}

// statusText shows an execution's status as StackStorm's CLI does, with
// the time it took (or has taken so far).
func statusText(e execution.Execution) string {
	switch {
	case e.StartTimestamp.IsZero():
		return string(e.Status)
	case e.Status.Final() && !e.EndTimestamp.IsZero():
		return fmt.Sprintf("%s (%s elapsed)", e.Status, elapsed(e.EndTimestamp.Sub(e.StartTimestamp)))
	case e.Status == execution.StatusRunning:
		return fmt.Sprintf("%s (%s elapsed)", e.Status, elapsed(time.Since(e.StartTimestamp)))
	}
	return string(e.Status)
}

// elapsed shows d to the hundredth of a second below a minute, to the
// second above.
func elapsed(d time.Duration) string {
	if d < time.Minute {
		return d.Round(10 * time.Millisecond).String()
	}
	return d.Round(time.Second).String()
}

// executionRow is an execution's row in a listing.
func executionRow(e execution.Execution) []string {
	return []string{e.ID, e.Action.Ref, e.Context.User, statusText(e), timeText(e.StartTimestamp), timeText(e.EndTimestamp)}
}

// executionHeader heads executionRow's columns.
var executionHeader = []string{"id", "action", "user", "status", "started", "ended"}

// printExecution prints e's fields, then its result as YAML; the keys in
// omit (output already shown) are left out of a result object.
func printExecution(w io.Writer, e execution.Execution, omit ...string) error {
	fields := [][2]string{{"id", e.ID}, {"action", e.Action.Ref}, {"status", statusText(e)},
		{"user", e.Context.User}, {"parameters", renderValue(e.Parameters)},
		{"started", timeText(e.StartTimestamp)}, {"ended", timeText(e.EndTimestamp)}, {"parent", e.Parent}}
	if e.Rule != nil {
		fields = append(fields, [2]string{"rule", e.Rule.Ref})
	}
	if e.TriggerInstance != nil {
		fields = append(fields, [2]string{"trigger instance", e.TriggerInstance.ID})
	}
	for _, f := range fields {
		if f[1] != "" && f[1] != "null" {
			fmt.Fprintf(w, "%s: %s\n", f[0], f[1])
		}
	}
	return printResult(w, e.Result, omit...)
}

// printResult prints a result as indented YAML under "result:", without
// the keys in omit when it is an object.
func printResult(w io.Writer, result json.RawMessage, omit ...string) error {
	return printNamedResult(w, "result", result, omit...)
}

// printNamedResult prints a JSON value as indented YAML under "name:",
// without the keys in omit when it is an object; nothing when it is null.
func printNamedResult(w io.Writer, name string, result json.RawMessage, omit ...string) error {
	if len(result) == 0 || string(result) == "null" {
		return nil
	}
	var v any
	if err := json.Unmarshal(result, &v); err != nil {
		return fmt.Errorf("decoding result: %w", err)
	}
	if m, ok := v.(map[string]any); ok {
		for _, k := range omit {
			delete(m, k)
		}
	}
	var b strings.Builder
	if err := writeYAML(&b, v); err != nil {
		return err
	}
	fmt.Fprintf(w, "%s:\n", name)
	for _, line := range strings.Split(strings.TrimRight(b.String(), "\n"), "\n") {
		fmt.Fprintf(w, "  %s\n", line)
	}
	return nil
}
