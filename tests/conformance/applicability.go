package conformance

import (
	"path/filepath"
	"strings"
)

// fileRules mark whole test directories or files (by stem) as not
// applicable: what they need is not Step Functions semantics. Unless
// always is set, an entry of theirs that records an execution (a history,
// or DescribeExecution's outcome) is replayed all the same: only its
// management-API parts are ignored.
var fileRules = []struct {
	name, reason string
	always       bool
}{
	{"activities", "activity workers (GetActivityTask/SendTask* from a worker)", true},
	{"logs", "logging configuration (CloudWatch Logs)", false},
	{"credentials", "IAM (task Credentials and cross-account roles)", true},
	{"express", "Express workflows (StartSyncExecution, history from CloudWatch Logs)", true},
	{"test_sfn_api_activities", "management API (activities)", true},
	{"test_sfn_api_aliasing", "management API (aliases)", false},
	{"test_sfn_api_versioning", "management API (versions)", false},
	{"test_sfn_api_tagging", "management API (tags)", false},
	{"test_sfn_api_logs", "logging configuration (CloudWatch Logs)", false},
	{"test_sfn_api_express", "Express workflows (StartSyncExecution)", true},
}

// fileNotApplicable returns why a whole test directory or file is not
// applicable; hasHistory says the entry records an execution, as a
// history or as a described outcome.
func fileNotApplicable(e *entry, hasHistory bool) (string, bool) {
	file, _, _ := strings.Cut(e.TestID, "::")
	stem := strings.TrimSuffix(filepath.Base(file), ".py")
	dir := filepath.Base(filepath.Dir(file))
	for _, r := range fileRules {
		if (r.name == stem || r.name == dir) && (r.always || !hasHistory) {
			return r.reason, true
		}
	}
	return "", false
}

// contentNotApplicable explains an entry that recorded no execution, from
// the names of what it did record.
func contentNotApplicable(keys []string) string {
	joined := strings.ToLower(strings.Join(keys, " "))
	switch {
	case strings.Contains(joined, "validation") || strings.Contains(joined, "exception") || strings.Contains(joined, "invalid") || strings.Contains(joined, "_fail"):
		return "management API (CreateStateMachine/StartExecution validation errors)"
	case strings.Contains(joined, "describe") || strings.Contains(joined, "list"):
		return "management API (describe/list calls)"
	case strings.Contains(joined, "log"):
		return "logging configuration (CloudWatch Logs)"
	}
	return "no execution history recorded (management API: " + strings.Join(keys, ", ") + ")"
}

// historyNotApplicable explains a recorded execution that cannot be
// replayed without the management API.
func historyNotApplicable(h *history) (string, bool) {
	if h.has("ExecutionAborted") {
		return "StopExecution (management API)", true
	}
	for _, ev := range h.Events {
		if strings.HasPrefix(ev.Type, "Activity") {
			return "activity workers", true
		}
	}
	return "", false
}

// templateNotApplicable explains a definition that needs more than Step
// Functions: S3 data for a distributed Map (unless the objects the test
// puts are restated in s3objects.go), activity workers, IAM roles.
func templateNotApplicable(t *template) (string, bool) {
	for _, res := range t.Resources {
		if strings.Contains(res, ":activity:") {
			return "activity workers", true
		}
	}
	if hasKey(t.Def, "ResultWriter") || (hasKey(t.Def, "ItemReader") && t.Objects == nil) {
		return "S3 buckets (distributed Map ItemReader/ResultWriter)", true
	}
	if hasKey(t.Def, "Credentials") {
		return "IAM (task Credentials)", true
	}
	return "", false
}

// hasKey reports whether an object anywhere in v has the key.
func hasKey(v any, key string) bool {
	switch x := v.(type) {
	case map[string]any:
		if _, ok := x[key]; ok {
			return true
		}
		for _, c := range x {
			if hasKey(c, key) {
				return true
			}
		}
	case []any:
		for _, c := range x {
			if hasKey(c, key) {
				return true
			}
		}
	}
	return false
}

// staleTemplates are entries whose template changed after the snapshot was
// recorded, so the recording is of another definition.
var staleTemplates = map[string]string{
	"services.test_sns_task_service.TestTaskServiceSns.test_publish_message_attributes": "sns_publish_message_attributes.json5 gained MessageAttributes.Version after the recording",
}
