// Package conformance replays executions recorded on real AWS Step Functions
// against Stormless's ASL interpreter (internal/asl/interp) and reports where
// the two disagree.
//
// # The corpus
//
// The LocalStack Step Functions test suite (../shared/conformance/localstack-sfn,
// located with internal/conformance) holds ASL templates (JSON5) and
// snapshot files. A snapshot entry, keyed by the Python test id, records what
// AWS returned, usually the whole GetExecutionHistory of one or more
// executions, with ARNs, ids and timestamps already replaced by placeholders
// such as "<uuid:1>", "date" or "arn:<partition>:states:<region>:...".
// INDEX.json maps test ids to the snapshot and the templates the test reads;
// it comes from static analysis of the Python and so often lists more
// templates than the test runs.
//
// # The method
//
// For every snapshot entry whose test id resolves to at least one JSON5
// template, and for every execution history it holds:
//
//   - the template is chosen among the candidates by the states the history
//     enters, and test-parameter placeholders (%..._PLACEHOLDER%, _tbd_) are
//     filled in as the Python test does;
//   - the input is the ExecutionStarted input;
//   - every Task state is served from the recording: each recorded call
//     (TaskScheduled/LambdaFunctionScheduled/ActivityScheduled followed by its
//     Succeeded, Failed or TimedOut event) answers, in order per state, the
//     call with matching parameters; callbacks (.waitForTaskToken) are
//     answered with the recorded SendTaskSuccess output or SendTaskFailure
//     error, and recorded timeouts let the virtual clock run out;
//   - the execution runs on a virtual clock, and its result (output, or error
//     and cause) and, state by state, the entered inputs and exited outputs
//     are compared with the recording. A recorded string holding a
//     placeholder matches any actual string of that shape; "date",
//     "timestamp" and role ARNs match any value.
//
// # Reading the lists
//
// TestLocalstackSFN prints "localstack-sfn: N passed, M failed, K not
// applicable". An entry is not applicable when it needs something that is
// not Step Functions semantics (activity workers, IAM, S3 buckets, the
// management API); the rules live in applicability.go and the extra cases in
// testdata/localstack-sfn-not-applicable.txt, each with its reason.
//
// testdata/localstack-sfn-not-passing.txt lists every applicable entry that
// does not pass, one per line: the sub-test name, then a one-line reason
// (state, expected vs got). The test fails when an entry not on that list
// fails (a regression) and when an entry on it passes (delete the line: the
// list only shrinks). Replay one entry with
//
//	go test ./tests/conformance -run 'TestLocalstackSFN/<name>' -v
//
// which prints the full difference for a failing entry.
package conformance
