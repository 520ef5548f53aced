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
//
// When the trigger instance id is itself an ObjectId (execution.NewID:
// 4 bytes of seconds, 5 of process, a 3-byte counter), the derived id
// keeps its seconds and counter in front of 5 bytes of the hash, so that
// records derived from increasing trigger instances increase too and the
// store appends them to its indexes instead of writing all over them.
// Any other id is hashed whole.
func derivedID(triggerInstance, rule, kind string) string {
	h := sha256.Sum256([]byte(triggerInstance + "\x00" + rule + "\x00" + kind))
	if !isObjectID(triggerInstance) {
		return hex.EncodeToString(h[:12])
	}
	var b strings.Builder
	b.Grow(24)
	b.WriteString(triggerInstance[:8])  // seconds
	b.WriteString(triggerInstance[18:]) // counter
	b.WriteString(hex.EncodeToString(h[:5]))
	return b.String()
}

// isObjectID reports whether s has the shape of a MongoDB ObjectId in
// lower-case hexadecimal, as execution.NewID makes them.
func isObjectID(s string) bool {
	if len(s) != 24 {
		return false
	}
	for i := range len(s) {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
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
