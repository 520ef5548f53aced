package asl

import "strings"

// closedIntegrations are the optimized service integrations whose actions
// are a closed, documented set: a states:::<service>:<action> resource
// naming any other action is not recognised.
var closedIntegrations = map[string][]string{
	"dynamodb": {"getItem", "putItem", "updateItem", "deleteItem"},
}

// resourceProblem returns why a Task resource is not recognised, or "".
func resourceProblem(res string) string {
	rest, ok := strings.CutPrefix(res, "arn:aws:states:::")
	if !ok {
		return ""
	}
	service, action, _ := strings.Cut(rest, ":")
	action, _, _ = strings.Cut(action, ".") // .sync, .waitForTaskToken
	actions, closed := closedIntegrations[service]
	if !closed {
		return ""
	}
	for _, a := range actions {
		if a == action {
			return ""
		}
	}
	return "The resource provided " + res + " is not recognized. The value is not a valid resource ARN, or the resource is not available in this region."
}
