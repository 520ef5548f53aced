// Package expr parses the expressions StackStorm workflows embed in strings
// (YAQL between <% %>, Jinja between {{ }}) and translates them to JSONata,
// the query language of the Step Functions state machines Stormless compiles
// workflows to. Native JSONata between {% %} passes through unchanged.
//
// # Parsing
//
// ParseTemplate splits a string into literal text and expressions; Parse
// parses one expression of a Dialect into a Node. The grammar is the subset
// of YAQL and Jinja that StackStorm users write: literals, lists and dicts,
// paths (ctx().x, ctx(x), ctx("x"), $.x), indexing, comparisons, and/or/not,
// arithmetic, string concatenation, membership (in, not in), Jinja's
// conditional expression, tests (is defined, is none) and filters, and
// function and YAQL method calls. Parsing never panics; a syntax error is an
// *Error carrying the expression and the offset of the problem.
//
// # Variable layout
//
// Translated expressions read the state of a running workflow from JSONata
// variables that the compiled state machine keeps with Step Functions'
// Assign:
//
//	ctx().x, ctx(x), $.x     $x, one Assign'd variable per context variable
//	                         (input, vars, published); see VarName for names
//	                         that clash with JSONata functions
//	ctx()                    an object built from every known context variable
//	result()                 the task's result: Scope.Record & ".result"
//	succeeded(), failed()... the task's status: Scope.Record & ".status"
//	task(t).x, task_status(t) $sl_task_t, the execution record {status, result}
//	                         of task t, Assign'd after t ran (TaskVar)
//	item(), item(x)          Scope.Item (in a Map iteration whose
//	                         ItemSelector passes {value, index}:
//	                         $states.input.value); item(x) for zipped
//	                         items is Scope.Item[i]
//	st2kv(k)                 $lookup($sl_kv, k): the compiler fetches keys into
//	                         $sl_kv before the state (Translation.KV lists them)
//
// Names starting with "sl_" are the compiler's own (a context variable
// with such a name becomes "v_sl_..."). Inside a Parallel branch the
// compiler works on branch-local copies named "sl_b<N>_<name>", which
// Scope.Rename substitutes.
//
// Scope says what the current state sees; the compiler fills it per state
// (a Task state's Arguments, a Choice state's Conditions, ...). A value
// that is one expression which may yield nothing (a missing key) is
// wrapped to yield null instead, as YAQL and Jinja do, because a Step
// Functions field that yields nothing fails its state.
//
// # Lists
//
// JSONata collapses a one-element result of $map, $filter or $each into
// the element, and an array constructor splices arrays in. Translations
// that build lists (keys(), values(), items(), select, where, map,
// selectattr, skip, take, ...) wrap each element in an object and unwrap
// them, so they give a real list for any count. Every translation is evaluated in
// the tests by the interpreter's JSONata and by jsonata-js (what AWS runs).
package expr
