package conformance

// The timestamp choice-operator tests compare these values; the snapshot
// replaced every timestamp in the recorded cases by "date". Restated from
// LocalStack's test code: each test's (Variable, Value) pairs, in the order
// the cases are recorded.
const (
	timestampT0 = "2012-10-09T19:00:55Z"
	timestampT1 = "2012-10-09T19:00:56Z"
)

// baseTimestampComparisons are (T0, T0), (T0, T1), (T1, T0).
var baseTimestampComparisons = [][2]any{{timestampT0, timestampT0}, {timestampT0, timestampT1}, {timestampT1, timestampT0}}

// timestampEqualsComparisons are every value type against T0, then the
// base comparisons.
var timestampEqualsComparisons = append([][2]any{
	{nil, timestampT0}, {0.0, timestampT0}, {0.0, timestampT0}, {1.0, timestampT0}, {1.1, timestampT0},
	{"", timestampT0}, {" ", timestampT0}, {"2023-02-24 12:15:56.832957", timestampT0}, {[]any{}, timestampT0},
	{[]any{""}, timestampT0}, {map[string]any{}, timestampT0}, {map[string]any{"A": 0.0}, timestampT0},
	{false, timestampT0}, {true, timestampT0},
}, baseTimestampComparisons...)

// timestampComparisons are the known comparisons, by test name.
var timestampComparisons = map[string][][2]any{
	"test_timestamp_equals":                   timestampEqualsComparisons,
	"test_timestamp_equals_path":              baseTimestampComparisons,
	"test_timestamp_greater_than":             baseTimestampComparisons,
	"test_timestamp_greater_than_path":        {{timestampT0, timestampT1}},
	"test_timestamp_greater_than_equals":      baseTimestampComparisons,
	"test_timestamp_greater_than_equals_path": {{timestampT0, timestampT1}},
	"test_timestamp_less_than":                baseTimestampComparisons,
	"test_timestamp_less_than_path":           {{timestampT1, timestampT0}},
	"test_timestamp_less_than_equals":         baseTimestampComparisons,
	"test_timestamp_less_than_equals_path":    {{timestampT1, timestampT0}},
}

// restoreTimestamps puts the test's values back into cases the snapshot
// normalised, when the known comparisons line up with the recording (same
// count, and every recorded value, "date" standing for any timestamp,
// matches).
func restoreTimestamps(testID string, cs []choiceCase) []choiceCase {
	known, ok := timestampComparisons[testName(testID)]
	if !ok || len(known) != len(cs) {
		return cs
	}
	out := make([]choiceCase, len(cs))
	for i, c := range cs {
		input := map[string]any{"Variable": known[i][0], "Value": known[i][1]}
		if match(map[string]any(c.Input), input) != "" {
			return cs // the recording disagrees: these are not its values
		}
		out[i] = choiceCase{Input: input, Output: c.Output}
	}
	return out
}
