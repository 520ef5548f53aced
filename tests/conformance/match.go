package conformance

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// placeholderRE finds the placeholders LocalStack's snapshot transformers
// write in place of ids, ARNs parts and names: "<uuid:1>", "<region>" ...
// It also finds nested ones: "<<task_token>:1>".
var placeholderRE = regexp.MustCompile(`<(?:<[A-Za-z0-9_\-]+>|[A-Za-z0-9_\-])[A-Za-z0-9_:\-]*>`)

// wildcards are recorded values that stand for any value.
var wildcards = map[string]bool{
	"date": true, "timestamp": true, "snf_role_arn": true,
	"activity_arn": true, "x-amzn-RequestId": true, "X-Amzn-Trace-Id": true,
	// test_math_operations and test_unique_id_generation replace random
	// values.
	"RandomNumberGenerated": true, "generated-uuid": true, "a_task_token": true, "start-time": true, "entered-time": true,
	// test_sfn_start_execution_success (TestState) replaces the mocked StartDate.
	"start-date": true,
}

// patterns caches the regular expressions built from recorded strings.
var patterns sync.Map // string -> *regexp.Regexp

// match compares a recorded value (want) with a replayed one (got) and
// returns "" when they agree, else where and how they first differ.
func match(want, got any) string {
	return matchAt("", want, got)
}

func matchAt(at string, want, got any) string {
	switch w := want.(type) {
	case string:
		return matchString(at, w, got)
	case map[string]any:
		return matchObject(at, w, reparse(got))
	case []any:
		return matchArray(at, w, reparse(got))
	case float64:
		if g, ok := got.(float64); ok && g == w {
			return ""
		}
	default:
		if want == got {
			return ""
		}
	}
	return differs(at, want, got)
}

// reparse reads a string as JSON, for causes and strings the snapshot
// parsed into objects.
func reparse(v any) any {
	if s, ok := v.(string); ok {
		var out any
		if json.Unmarshal([]byte(s), &out) == nil {
			return out
		}
	}
	return v
}

// redactedRE matches what some snapshots write in place of a whole payload:
// the payload's own field path, such as "stateExitedEventDetails.output".
var redactedRE = regexp.MustCompile(`^[A-Za-z]+EventDetails\.(input|output)$`)

// dateRE is the start of the timestamps the snapshots replace by "date".
var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`)

func matchString(at, want string, got any) string {
	if want == "date" {
		// The recorded service responses the replay hands back still say
		// "date".
		if g, ok := got.(string); ok && (g == want || dateRE.MatchString(g)) {
			return ""
		}
		return differs(at, "a timestamp (recorded as \"date\")", got)
	}
	if wildcards[want] || redactedRE.MatchString(want) {
		return ""
	}
	g, ok := got.(string)
	if !ok {
		return differs(at, want, got)
	}
	if g == want || (strings.Contains(want, "<") && matchesPattern(want, g)) {
		return ""
	}
	return differs(at, want, got)
}

// matchesPattern reports whether got has the shape of the recorded want.
func matchesPattern(want, got string) bool {
	re, err := pattern(want)
	return err == nil && re.MatchString(got)
}

// pattern turns a recorded string into a regular expression in which each
// placeholder matches anything.
func pattern(s string) (*regexp.Regexp, error) {
	if re, ok := patterns.Load(s); ok {
		return re.(*regexp.Regexp), nil
	}
	var b strings.Builder
	b.WriteString(`^(?s)`)
	last := 0
	for _, loc := range placeholderRE.FindAllStringIndex(s, -1) {
		b.WriteString(regexp.QuoteMeta(s[last:loc[0]]))
		b.WriteString(`.*?`)
		last = loc[1]
	}
	b.WriteString(regexp.QuoteMeta(s[last:]) + `$`)
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, fmt.Errorf("compiling pattern of %q: %w", s, err)
	}
	patterns.Store(s, re)
	return re, nil
}

func matchObject(at string, want map[string]any, got any) string {
	g, ok := got.(map[string]any)
	if !ok {
		return differs(at, want, got)
	}
	for _, k := range sortedKeys(want) {
		gv, ok := g[k]
		if !ok {
			return fmt.Sprintf("at %s: missing key %q", pathOr(at), k)
		}
		if d := matchAt(at+"/"+k, want[k], gv); d != "" {
			return d
		}
	}
	for _, k := range sortedKeys(g) {
		if _, ok := want[k]; !ok && !addedSince(k, want) {
			return fmt.Sprintf("at %s: unexpected key %q = %s", pathOr(at), k, short(g[k]))
		}
	}
	return ""
}

// addedSince reports whether key is a field AWS added to the context
// object after some recordings were made: $$.Execution.RedriveCount.
func addedSince(key string, want map[string]any) bool {
	_, isExecution := want["StartTime"]
	return key == "RedriveCount" && isExecution
}

func matchArray(at string, want []any, got any) string {
	g, ok := got.([]any)
	if !ok || len(g) != len(want) {
		return differs(at, want, got)
	}
	for i := range want {
		if d := matchAt(fmt.Sprintf("%s/%d", at, i), want[i], g[i]); d != "" {
			return d
		}
	}
	return ""
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func differs(at string, want, got any) string {
	return fmt.Sprintf("at %s: want %s, got %s", pathOr(at), short(want), short(got))
}

func pathOr(at string) string {
	if at == "" {
		return "/"
	}
	return at
}

// short renders a value as compact JSON cut to 160 bytes.
func short(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%v", v)
	}
	s := string(b)
	if len(s) > 160 {
		s = s[:157] + "..."
	}
	return s
}
