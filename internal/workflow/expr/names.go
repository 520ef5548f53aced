package expr

import (
	"encoding/json"
	"strconv"
	"strings"
)

// reserved lists names a context variable cannot use as a JSONata variable
// name as is: JSONata's and Step Functions' function names (a variable would
// shadow the function) and Step Functions' $states.
var reserved = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`states string length substring substringBefore
		substringAfter uppercase lowercase trim pad contains split join match replace
		eval base64encode base64decode encodeUrlComponent encodeUrl decodeUrlComponent
		decodeUrl formatNumber formatBase formatInteger parseInteger number abs floor
		ceil round power sqrt random millis now fromMillis toMillis sum max min average
		boolean not exists count append sort reverse shuffle distinct zip keys lookup
		spread merge sift each error assert type map filter single reduce partition
		range hash uuid parse clone`) {
		reserved[n] = true
	}
}

// VarName returns the JSONata variable name (without $) that holds the
// workflow context variable name. Names that are JSONata identifiers and
// neither reserved (JSONata and Step Functions function names, "states") nor
// starting with the prefixes "v_" or "sl_" map to themselves; every other
// name maps to "v_" + name. The mapping is injective. ok is false when name
// cannot be a Step Functions variable name at all (empty, or characters
// other than letters, digits and underscores, or a leading digit).
func VarName(name string) (string, bool) {
	if !IsIdent(name) {
		return "", false
	}
	if reserved[name] || strings.HasPrefix(name, "v_") || strings.HasPrefix(name, "sl_") {
		return "v_" + name, true
	}
	return name, true
}

// TaskVar returns the JSONata variable name (without $) holding the
// execution record {"status", "result"} of task name, and false when the
// task name is not an identifier.
func TaskVar(name string) (string, bool) {
	if !IsIdent(name) {
		return "", false
	}
	return "sl_task_" + name, true
}

// KVVar is the JSONata variable (without $) holding key-value pairs fetched
// for st2kv() lookups, keyed by key name.
const KVVar = "sl_kv"

// IsIdent reports whether s is an ASCII identifier: a letter or underscore,
// then letters, digits and underscores.
func IsIdent(s string) bool {
	if s == "" || !isIdentStart(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isIdentChar(s[i]) {
			return false
		}
	}
	return true
}

// jsonataKeywords cannot be used as bare field names in a JSONata path.
var jsonataKeywords = map[string]bool{"and": true, "or": true, "in": true, "true": true, "false": true, "null": true, "function": true}

// fieldName renders a field name for a JSONata path step.
func fieldName(name string) string {
	if IsIdent(name) && !jsonataKeywords[name] {
		return name
	}
	return "`" + strings.ReplaceAll(name, "`", "") + "`"
}

// quote is Quote, for brevity inside the package.
func quote(s string) string { return Quote(s) }

// Quote renders s as a JSONata string literal, single-quoted unless s
// contains a single quote. A final "." is written \u002e: the same string,
// but xiatechs/jsonata-go (used by the local interpreter) misparses a
// string ending in "." inside an object constructor.
func Quote(s string) string {
	q := quoteRaw(s)
	if strings.HasSuffix(s, ".") {
		q = q[:len(q)-2] + `\u002e` + q[len(q)-1:]
	}
	return q
}

// quoteRaw renders s as a JSONata string literal.
func quoteRaw(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	q := strings.TrimSuffix(b.String(), "\n")
	if strings.Contains(s, "'") {
		return q
	}
	inner := strings.ReplaceAll(q[1:len(q)-1], `\"`, `"`)
	return "'" + inner + "'"
}

// number renders a number literal.
func number(v any) string {
	switch n := v.(type) {
	case int64:
		return strconv.FormatInt(n, 10)
	case float64:
		return strconv.FormatFloat(n, 'g', -1, 64)
	}
	return "0"
}
