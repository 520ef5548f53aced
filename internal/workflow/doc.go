// Package workflow holds StackStorm's two workflow languages, Orquesta and
// action-chain, as models parsed from YAML with the position of every
// element, validates them, and compiles them to Step Functions state
// machines (ASL, JSONata query language) that run unchanged on AWS and on
// the local interpreter.
//
// Parse reads either language (ParseOrquesta and ParseChain read one);
// parsing and validation never panic and report every problem at once as
// an ErrorList of *Error, each with the file, line and column (and the
// expression, when one is at fault). Compile and CompileChain turn a valid
// definition into ASL; Mermaid draws its graph.
//
// # How an Orquesta workflow compiles
//
//	input, vars        Pass states "workflow.input", "workflow.vars[.N]"
//	                   assigning one variable each (see package expr)
//	task               Task state invoking the runner Lambda
//	                   (lambda:invoke, payload {action, parameters,
//	                   context}) whose Output is the execution record
//	                   {task, status, result}; a workflow action starts its
//	                   state machine (startExecution.sync:2), core.ask waits
//	                   for a task token
//	next               Choice state "<task>.next": publish is the rule's
//	                   Assign, when its Condition
//	with items         Map state (ItemSelector {value, index},
//	                   MaxConcurrency from concurrency)
//	delay              Wait state "<task>.delay" before the task
//	retry              a counted loop in "<task>.next" (Wait "<task>.retry")
//	fork, join         Parallel state "<task>.fork", then the counted
//	                   barrier "<task>.fork.joined" (see Compile)
//	st2kv()            Task state "<state>.kv" fetching the keys first; in
//	                   next, "<task>.next" fetches them and passes the
//	                   record on to the Choice "<task>.next.choice"; in
//	                   input defaults, "workflow.input.kv" comes first
//	output             Succeed state "workflow.output" with Output
//	                   {"output": {...}}
//	failure            Fail state "workflow.failed", Error
//	                   StackStorm.WorkflowFailed, Cause the JSON
//	                   {"output": null, "errors": [...]}
//
// Engine commands: fail records an error and fails (after the task's other
// targets ran, when it names some); noop ends the branch, ignoring a
// failure; continue (and a transition with no do) ends the branch, failing
// the workflow if the task failed; retry runs the task again. A failed task
// that no transition handles fails the workflow.
//
// Graphs one Parallel state cannot express (crossing joins, a task reached
// by two branches without a join, a branch looping back before its fork)
// are compile errors naming the tasks; docs/workflows.md has the whole
// model, the variable layout and every rejected case.
//
// Known differences from Orquesta: a failure in one branch of a fork stops
// the others at once; a join runs once every branch of its fork has ended
// (and enough arrived), not as soon as the last needed one arrives; when
// two branches publish the same variable the last branch wins; a published
// variable read before any publish is null; st2kv() keys used in a task's
// next are all fetched before its conditions are evaluated (a missing key
// is null); beyond four transitions a task takes the first that holds;
// string conversion in templates follows JSONata ($string: JSON, "true",
// "null") rather than Python ("True", "None").
package workflow
