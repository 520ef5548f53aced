package conformance

import (
	"strconv"
	"strings"
	"time"
)

// timestampInput is how a Wait test builds its execution input around the
// time it runs, which the snapshot replaced by a placeholder: the input is
// {field: now + offset (+ the parameter in days), in %Y-%m-%dT%H:%M:%S,
// then suffix (or the parameter)}. Restated from LocalStack's test code.
type timestampInput struct {
	field           string
	offset          time.Duration
	daysFromParam   bool
	suffix          string
	suffixFromParam bool
}

// timestampInputs are the known ones, by test file stem and test name.
var timestampInputs = map[string]timestampInput{
	"test_wait::test_wait_timestamppath":                   {field: "start_at", suffixFromParam: true},
	"test_wait::test_timestamp_too_far_in_future_boundary": {field: "start_at", daysFromParam: true, suffix: ".000Z"},
}

// timestampInputFor returns the input an entry's test builds when its
// execution starts at start, if known.
func timestampInputFor(testID, param string, start time.Time) (any, bool) {
	file, _, _ := strings.Cut(testID, "::")
	stem := strings.TrimSuffix(file[strings.LastIndex(file, "/")+1:], ".py")
	ti, ok := timestampInputs[stem+"::"+testName(stripParam(testID))]
	if !ok {
		return nil, false
	}
	at := start.Add(ti.offset)
	if ti.daysFromParam {
		days, err := strconv.Atoi(param)
		if err != nil {
			return nil, false
		}
		at = at.AddDate(0, 0, days)
	}
	suffix := ti.suffix
	if ti.suffixFromParam {
		suffix = param
	}
	return map[string]any{ti.field: at.UTC().Format("2006-01-02T15:04:05") + suffix}, true
}

// withInput returns a copy of h whose ExecutionStarted input is input.
func (h *history) withInput(input any) *history {
	c := *h
	c.Events = append([]event(nil), h.Events...)
	details := map[string]any{}
	for k, v := range h.Events[0].Details {
		details[k] = v
	}
	details["input"] = input
	c.Events[0].Details = details
	return &c
}
