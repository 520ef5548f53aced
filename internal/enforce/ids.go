package enforce

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// derivedID returns a record id in StackStorm's shape (24 hexadecimal
// digits) derived from the trigger instance, the rule and the kind of
// record, so that enforcing one event twice creates the same ids and the
// second attempt conflicts instead of running again.
func derivedID(triggerInstance, rule, kind string) string {
	h := sha256.Sum256([]byte(triggerInstance + "\x00" + rule + "\x00" + kind))
	return hex.EncodeToString(h[:12])
}

// executionIDFromARN returns the execution id a workflow task names as its
// parent: the name of the workflow's state machine execution, which the
// enforcement machine sets to the execution id.
func executionIDFromARN(s string) string {
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		return s[i+1:]
	}
	return s
}
