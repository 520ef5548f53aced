package asl

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// maxLabelLength is the longest Map Label Step Functions accepts.
const maxLabelLength = 40

// labelForbidden are the characters a Map Label must not contain besides
// white space and control characters: brackets, wildcards and special
// characters.
const labelForbidden = `<>{}[]?*"#%\^|~` + "`" + `$&,;:/`

// labelProblem returns why a Map state's Label is invalid, or "".
func labelProblem(label string) string {
	switch {
	case label == "":
		return "Label cannot be empty"
	case utf8.RuneCountInString(label) > maxLabelLength:
		return fmt.Sprintf("Label cannot exceed %d characters", maxLabelLength)
	}
	for _, r := range label {
		if r == ' ' || r < 0x20 || (r >= 0x7f && r <= 0x9f) || strings.ContainsRune(labelForbidden, r) {
			return fmt.Sprintf("Label contains invalid character: %q", r)
		}
	}
	return ""
}
