// Package enforce holds the Task handlers of the rule enforcement state
// machine (statemachines/enforce.asl.json) and the runner function its
// workflows and actions invoke: exactly the logic the enforcer and runner
// Lambda functions wrap on AWS, and what the local interpreter binds to the
// same ARNs.
//
// The handlers are plain functions over JSON (see Enforcer.Handle and
// Enforcer.Runner). They record everything in an execution.Store:
//
//	Enforce   residual criteria (no match ends the enforcement silently);
//	          trigger instance (when asked to record it), trace,
//	          enforcement and execution (requested, then scheduled), with
//	          the parameters rendered, cast and validated; a rule whose
//	          action is unknown or whose parameters fail records a failed
//	          enforcement and a failed execution saying why
//	Runner    the runner function: a top-level execution moves to running,
//	          a workflow task gets a child execution of its workflow; the
//	          action runs with its output streamed to the store; it returns
//	          {status, result}
//	Finish    the final status and result, then the
//	          core.st2.generic.actiontrigger event so rules can chain
//
// Ids of the records an enforcement creates derive from the trigger
// instance id and the rule, so a redelivered event is detected (the create
// conflicts) and never runs twice.
package enforce
