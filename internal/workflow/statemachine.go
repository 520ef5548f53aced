package workflow

import "strings"

// StateMachineName is the name of the state machine a workflow action
// compiles to: "stormless-" and the action ref with dots as dashes
// (examples.orquesta-basic -> stormless-examples-orquesta-basic). Every
// host (CDK, the local runtime, the CLI) derives names with it.
func StateMachineName(ref string) string {
	return "stormless-" + strings.ReplaceAll(ref, ".", "-")
}

// StateMachineARN is the ARN of the state machine of workflow action ref
// in a region and account.
func StateMachineARN(region, account, ref string) string {
	return "arn:aws:states:" + region + ":" + account + ":stateMachine:" + StateMachineName(ref)
}
