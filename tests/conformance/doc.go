// Package conformance replays executions recorded on real AWS Step Functions
// against Stormless's ASL interpreter (internal/asl/interp) and reports,
// state by state, where the two disagree.
//
// # The corpus
//
// The LocalStack Step Functions test suite (../shared/conformance/localstack-sfn,
// located with internal/conformance) holds ASL templates (JSON5) and 76
// snapshot files with 1,080 entries. An entry, keyed by the Python test id,
// records what AWS returned, usually the whole GetExecutionHistory of one or
// more executions, with ARNs, ids and timestamps replaced by placeholders
// such as "<uuid:1>", "date" or "arn:<partition>:states:<region>:...".
// INDEX.json maps test ids to their snapshot and the templates the test
// reads; it comes from static analysis of the Python, so it sometimes lists
// more templates than the test runs, and sometimes none.
//
// # The method
//
// Every entry is judged (verdict.go). Whole areas that are not Step
// Functions semantics (activity workers, IAM, Express workflows, the
// management API, logging), and entries that recorded neither an
// execution nor a TestState response, are not applicable
// (applicability.go); but an entry of a management-API or logging area that
// records an execution history is replayed like any other, ignoring the
// rest of what it recorded. TestState entries are replayed with
// interp.TestState (below). For the others, each recorded execution is
// replayed:
//
//   - Templates: those INDEX.json names, those a pytest parameter names
//     (test_x[BASE_PASS_RESULT] -> base_pass_result.json5), or, for tests
//     that build their definition in Python, stale entries and histories no
//     named template fits, guesses from the test name, the test's area and
//     finally all templates. A candidate must define every state the
//     history enters and run the Task resources it records (lambda:invoke,
//     states:startExecution.sync:2, ...), ordered: the test's own area
//     first, then those starting at the history's first state. For named
//     templates the first candidate decides. Guessed templates are tried in
//     turn and the first that replays exactly wins; a replay with a guessed
//     template that fails is unresolved, not failed.
//   - Placeholders and edits: "_tbd_" resources and function names become a
//     Lambda ARN; %..._PLACEHOLDER% literals take the test parameter; the
//     changes some tests make to their template are restated in edits.go
//     (a value, one per test parameter, or the value the recording shows
//     the test assigning), as is the template a parameter picks when
//     INDEX.json lists several. Anything else the Python fills in leaves
//     the entry unresolved.
//   - S3: the objects ItemReader tests put in their bucket are restated in
//     s3objects.go and served from a directory (interp.WithDataDir);
//     without them a distributed Map reading S3 is not applicable.
//   - Input: the ExecutionStarted input; where the snapshot replaced a
//     timestamp the test computed from the time it ran, the input is
//     rebuilt the same way from the replay's start time (timestamps.go).
//   - Services (calls.go, service.go): every Task state is served from the
//     recording. Each recorded call (TaskScheduled, LambdaFunctionScheduled
//     or ActivityScheduled, then its Submitted, Succeeded, Failed or TimedOut
//     event, linked by previousEventId) answers, per state and preferring
//     the call whose recorded parameters match, one invocation: a result, a
//     named error with its cause, or a timeout, for which virtual time runs
//     a second at a time until the state's TimeoutSeconds or HeartbeatSeconds
//     fire. Callbacks (.waitForTaskToken) get the recorded TaskSubmitted
//     output, then SendTaskSuccess or SendTaskFailure as recorded.
//   - Choice operators (cases.go) record {input, output} cases instead of
//     histories; each case is run with the operator filled into the
//     template as LocalStack does. Timestamps the snapshot normalised to
//     "date" are restored from the test's comparisons
//     (choice_timestamps.go).
//   - Comparison (match.go, compare.go): the execution's result (output,
//     or error and cause) and, per state name, every entered input and
//     exited output, in order or, for concurrent Map iterations and
//     Parallel branches, as a multiset. A recorded string holding
//     placeholders matches any string of that shape; "date", "timestamp",
//     role ARNs and a few other normalised values match anything. The
//     earliest difference in history order is the entry's reason.
//
// # Entries without a history
//
// An entry whose recording is CreateStateMachine's InvalidDefinition error
// (invaliddef.go) is judged by the ASL validator: the definition (quoted in
// the message, or the one template named for the test) must be rejected,
// with a problem at the JSON pointer AWS names or, when it names none, at
// a field the message names. An entry that recorded DescribeExecution (or
// StartSyncExecution) of a finished execution but no history (outcome.go)
// is replayed for the status, output, error and cause it describes, when
// its one template calls no service. The variableReferences that
// DescribeStateMachine derives from a definition (varrefs.go) are compared
// with asl.VariableReferences. ValidateStateMachineDefinition results
// (validation.go) are compared with asl.Parse: AWS's OK must be accepted,
// its FAIL rejected at the location it names.
//
// # TestState entries
//
// Entries under v2/test_state record TestState API responses (status,
// output, error, cause, nextState, inspectionData). Each call is replayed
// with interp.TestState (teststate.go) and the response compared field by
// field. The request is restated from the recording where it shows it: the
// input and variables from inspectionData (at INFO level, from the same
// call recorded at DEBUG), the mock from inspectionData.result (or the
// afterResultSelector of a state without ResultSelector, or the recorded
// error and cause). What only LocalStack's Python sets (state names,
// retrier counts, context objects, mocks and inputs of INFO-only tests) is
// restated as data in teststate_facts.go. Responses that are request
// validation errors (ValidationException) are not applicable: they check
// the TestState API's own request rules, not state semantics.
//
// The interpreter runs on a virtual clock with deterministic UUIDs and
// random numbers; a whole run takes a second or two.
//
// # Reading the results
//
// TestLocalstackSFN prints
//
//	localstack-sfn: N passed, M failed, K not applicable
//
// the number of unresolved entries, which are not counted, and how many
// passes replayed a guessed template (the test builds its definition in
// Python; the guess is the first template that defines the recorded
// states and replays exactly, so such a pass is weaker evidence). Every entry
// is one sub-test named after its test id (dir.file.Class.test[param], with
// "/" and spaces escaped as %2F and %20); replay one with
//
//	go test ./tests/conformance -run 'TestLocalstackSFN/<name>' -v
//
// which, for a failing entry, prints every difference and the replayed
// history. -verdicts FILE writes every entry's verdict and reason.
//
// Three checked-in lists in testdata/, one line per entry (name, then
// reason), say where each entry stands:
//
//   - localstack-sfn-not-passing.txt: every applicable entry that fails,
//     with what the interpreter got wrong (state, expected vs got). The test
//     fails when an entry not on it fails (a regression) and when an entry
//     on it passes (delete the line: the list only shrinks). "flaky:" marks
//     an entry that fails in some runs only.
//   - localstack-sfn-not-applicable.txt: what each not-applicable entry
//     needs (activity workers, IAM, S3 buckets, the management API,
//     TestState request validation, logging, Express workflows).
//   - localstack-sfn-unresolved.txt: why each unresolved entry cannot be
//     replayed from the corpus (definition completed in Python, inputs
//     normalised away by the snapshot, distributed Map iterations whose
//     service calls live in child executions, incomplete histories).
//
// The last two are computed; the test fails when they are out of date. Run
// with -update to rewrite all three, and review the diff.
package conformance
