package asl

// ChoiceRule is a Choice state rule or a nested boolean expression. A
// top-level rule has Next; nested rules do not. Exactly one of Operator,
// And, Or, Not, Condition is set.
type ChoiceRule struct {
	Variable string
	// Operator is the comparison field name without its Path suffix, for
	// example "StringEquals" or "IsPresent".
	Operator string
	// OperandPath is true for the ...Path variant: Operand then holds a
	// reference path string.
	OperandPath bool
	Operand     any

	And []ChoiceRule
	Or  []ChoiceRule
	Not *ChoiceRule

	// Condition is the JSONata rule (a "{% ... %}" string or a boolean).
	Condition    any
	HasCondition bool

	Next      string
	Assign    map[string]any
	Output    any
	HasOutput bool
	Pointer   string
}

// comparisonOperators lists every data-test operator; the ones that also
// have a ...Path variant are marked true.
var comparisonOperators = map[string]bool{
	"StringEquals": true, "StringLessThan": true, "StringGreaterThan": true,
	"StringLessThanEquals": true, "StringGreaterThanEquals": true, "StringMatches": false,
	"NumericEquals": true, "NumericLessThan": true, "NumericGreaterThan": true,
	"NumericLessThanEquals": true, "NumericGreaterThanEquals": true,
	"BooleanEquals":   true,
	"TimestampEquals": true, "TimestampLessThan": true, "TimestampGreaterThan": true,
	"TimestampLessThanEquals": true, "TimestampGreaterThanEquals": true,
	"IsNull": false, "IsPresent": false, "IsNumeric": false, "IsString": false,
	"IsBoolean": false, "IsTimestamp": false,
}
