package expr

import "strings"

// sprintf replaces every %s in f with x (a JSONata fragment may itself
// contain %, so fmt.Sprintf is not used).
func sprintf(f string, x string) string {
	return strings.ReplaceAll(f, "%s", x)
}
