// Package enforce holds the Task handlers of the rule enforcement state
// machine (statemachines/enforce.asl.json) and the runner function its
// actions and workflow tasks invoke: exactly the logic the enforcer and
// runner Lambda functions wrap on AWS, and what the local interpreter binds
// to the same ARNs.
//
// The handlers are plain functions over JSON (Enforcer.Handle and
// Enforcer.Runner). They record everything in an execution.Store:
//
//	Enforce   for {rule, event}: the residual criteria (no match ends the
//	          enforcement silently), the trigger instance (when asked to
//	          record it), then trace, enforcement and execution
//	          (requested, then scheduled) in one batch, the parameters
//	          rendered, cast and validated; for {action, parameters}, a
//	          direct run, the same without rule and trigger. An unknown
//	          action or parameters that fail give a failed enforcement and
//	          a failed execution saying why
//	Runner    a top-level execution moves to running (or, under
//	          action.concurrency, is delayed or canceled); a workflow task
//	          gets a child execution of its workflow; the action runs with
//	          its output streamed to the store; it returns {status, result}
//	Finish    the final status and result, the
//	          core.st2.generic.actiontrigger event (rules chain on it), the
//	          notify triggers, and whether action.retry runs it again
//
// The ids of the records an enforcement creates derive from the trigger
// instance id and the rule, so an event delivered twice finds the first
// delivery's records: an execution that never started is resumed, any
// other is left alone, and nothing runs twice.
//
// A workflow's core.ask task becomes a pending child execution and an
// inquiry; Respond validates the answer against the inquiry's schema and
// completes the waiting task through its task token.
//
// Limits: the action.concurrency counters and the inquiries' task tokens
// are in process memory (one engine); a Lambda host needs them shared.
// Expire times out an inquiry whose TTL passed; the host sweeps for them.
package enforce
