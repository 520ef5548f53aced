package conformance

import (
	"context"
	"encoding/json"
	"fmt"
)

// describedOutcome is an execution's end as DescribeExecution or
// StartSyncExecution reported it, for entries that recorded no history.
type describedOutcome struct {
	key    string
	input  any
	want   outcome
	output bool // the response carries the output
}

// recordedOutcomes returns the finished executions an entry's responses
// describe: objects with executionArn, input and a final status.
func recordedOutcomes(e *entry) []describedOutcome {
	var out []describedOutcome
	for _, k := range contentKeys(e) {
		var r map[string]any
		if json.Unmarshal(e.Content[k], &r) != nil {
			continue
		}
		status, _ := r["status"].(string)
		input, hasInput := r["input"]
		if _, ok := r["executionArn"]; !ok || !hasInput || status == "" || status == "RUNNING" {
			continue
		}
		d := describedOutcome{key: k, input: jsonText(input), want: outcome{Status: status}}
		d.want.Output, d.output = r["output"]
		d.want.Output = jsonText(d.want.Output)
		d.want.Error, _ = r["error"].(string)
		d.want.Cause, _ = r["cause"].(string)
		out = append(out, d)
	}
	return out
}

// judgeOutcomes replays described executions of the one template named for
// the test, which must call no service (no history records the calls).
func judgeOutcomes(ctx context.Context, e *entry, ds []describedOutcome) verdict {
	if e.Guessed || len(e.Templates) != 1 {
		return verdict{Status: unresolved, Reason: "described execution: the test picks its definition in Python"}
	}
	t, err := loadTemplate(e.Templates[0], e.Param, e.Edit)
	if err != nil {
		return verdict{Status: unresolved, Reason: oneLine(err)}
	}
	if len(t.Resources) > 0 {
		return verdict{Status: unresolved, Reason: "described execution: its service responses are not recorded"}
	}
	for _, d := range ds {
		if reason, err := replayOutcome(ctx, t, d); err != nil {
			return verdict{Status: failed, Reason: "harness: " + oneLine(err)}
		} else if reason != "" {
			return verdict{Status: failed, Reason: d.key + ": " + reason}
		}
	}
	return verdict{Status: passed}
}

// replayOutcome runs one described execution and compares its end.
func replayOutcome(ctx context.Context, t *template, d describedOutcome) (string, error) {
	in, _, err := newInterpreter()
	if err != nil {
		return "", err
	}
	def, err := t.JSON()
	if err != nil {
		return "", err
	}
	m, err := in.Load("conformance", def)
	if err != nil {
		return "definition rejected, AWS ran it: " + oneLine(err), nil
	}
	ctx, cancel := context.WithTimeout(ctx, replayTimeout)
	defer cancel()
	res, _, err := in.Run(ctx, m, d.input)
	if err != nil {
		return "", fmt.Errorf("running: %w", err)
	}
	got := resultOutcome(res)
	switch {
	case got.Status != d.want.Status:
		return fmt.Sprintf("status %s, want %s", got.Status, d.want.Status), nil
	case d.output:
		if diff := match(d.want.Output, got.Output); diff != "" {
			return "output " + diff, nil
		}
	}
	if d.want.Error != "" && (got.Error != d.want.Error || match(d.want.Cause, got.Cause) != "") {
		return fmt.Sprintf("error %s (%s), want %s (%s)", got.Error, got.Cause, d.want.Error, d.want.Cause), nil
	}
	return "", nil
}
