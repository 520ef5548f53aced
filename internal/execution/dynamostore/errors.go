package dynamostore

import (
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/stormless/stormless/internal/execution"
)

// conditionFailed reports whether err is a failed condition of a single
// item write.
func conditionFailed(err error) bool {
	var c *types.ConditionalCheckFailedException
	return errors.As(err, &c)
}

// cancelled returns the indexes of the actions whose condition failed when
// err is a cancelled transaction, and ok false for any other error.
func cancelled(err error) (failed []int, ok bool) {
	var tc *types.TransactionCanceledException
	if !errors.As(err, &tc) {
		return nil, false
	}
	for i, r := range tc.CancellationReasons {
		if r.Code != nil && *r.Code == "ConditionalCheckFailed" {
			failed = append(failed, i)
		}
	}
	return failed, true
}

// storageErr wraps an SDK error with what was being done.
func storageErr(doing string, err error) error {
	return fmt.Errorf("%s: %w", doing, err)
}

// notFound returns an error wrapping execution.ErrNotFound.
func notFound(kind, id string) error {
	return fmt.Errorf("%s %s: %w", kindName(kind), id, execution.ErrNotFound)
}

// conflict returns an error wrapping execution.ErrConflict.
func conflict(kind, id, why string) error {
	return fmt.Errorf("%s %s: %s: %w", kindName(kind), id, why, execution.ErrConflict)
}

// kindName names a record kind in errors.
func kindName(kind string) string {
	switch kind {
	case kindExecution:
		return "execution"
	case kindTriggerInstance:
		return "trigger instance"
	case kindEnforcement:
		return "enforcement"
	case kindTrace:
		return "trace"
	case kindInquiry:
		return "inquiry"
	}
	return kind
}
