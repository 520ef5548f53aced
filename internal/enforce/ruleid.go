package enforce

// RuleExecutionID returns the id of the execution that rule starts for
// trigger instance triggerInstance on its attempt-th run (0 the first,
// then each action.retry re-run): the id the enforce step records, so a
// host that sees only the enforcement machine's input ({rule, event}),
// such as the recorder function, can find the record.
func RuleExecutionID(triggerInstance, rule string, attempt int) string {
	return derivedID(triggerInstance, rule, attemptKind("execution", attempt))
}
