// Package local is the local runtime engine: it wires the packs, the
// in-process bus, the event pattern matcher, the ASL interpreter, the
// runners and the SQLite audit trail into the same flow Stormless runs on
// AWS.
//
// Publish accepts events (webhooks, timers, sensors, action triggers) on the
// in-process bus, whose committer records each trigger instance in the
// store before the event is acknowledged. Each delivered event is matched
// against every enabled rule's event pattern at once; for each rule that
// matches, the platform's enforcement state machine
// (statemachines/enforce.asl.json) runs on the interpreter with the rule
// and the event, exactly as an EventBridge rule target starts it on AWS.
// Its Task states call the enforcer and runner functions of package
// enforce, bound to the ARNs the definition names; workflow actions run
// their compiled state machines (startExecution.sync:2), whose tasks call
// the same runner function and are recorded as child executions.
//
// Backstop rules (type backstop) are enforced only when no standard rule's
// criteria hold for the event. Rules on timer triggers are scheduled while
// the engine runs (package timer) and their fires published on the bus.
//
// Run (waiting for the outcome) and Submit (returning the execution id once
// recorded) start an action directly, as the API and CLI do, through the
// same machine. Respond answers an inquiry (a workflow's core.ask task, or
// a core.ask run directly, which stays pending until then) and resumes its
// workflow. Every execution completing, canceled ones included, emits
// core.st2.generic.actiontrigger on the bus, so rules chain, and the notify
// triggers its action declares.
//
// Lifecycle, as StackStorm's: Cancel stops an execution and its workflow's
// tasks. Pause stops a workflow from starting tasks (pausing, then paused
// once its running tasks finished; nested workflows pause too; a pending
// inquiry pauses its workflow the same way) and Resume lets it go on.
// ReRun runs a finished workflow again from some of its tasks, with the
// context it had there.
//
// Durability: events some rule matches are journaled beside the store
// before their trigger instances are committed; on Start, trigger
// instances still pending are enforced again from the journal. Record ids
// derive from the trigger instance and the rule, so a second enforcement
// finds the first one's records: an execution that never started
// (requested, scheduled, delayed) is resumed, one that started is marked
// abandoned. A direct run that never started runs again under its id.
// Each workflow logs, in the data directory, the interpreter checkpoint
// of the top-level state each task starts in and every task's outcome
// (workflows/<id>.jsonl, sealed with AES-256-GCM under workflows.key, as
// checkpoints hold secrets); on Start a workflow left in flight resumes from
// its last checkpoint, its logged tasks replayed from their records (a task
// that was running is marked abandoned and the workflow follows its
// transitions; a pending inquiry is asked again, the same one). Close does
// not wait for paused workflows: they stop at once and resume on the next
// start. Every other execution left in flight is marked abandoned.
// Nothing accepted is lost, nothing runs twice.
package local
