package local

import (
	"errors"

	"github.com/stormless/stormless/internal/asl/interp"
	"github.com/stormless/stormless/internal/enforce"
)

func asFailure(err error, f **interp.Failure) bool { return errors.As(err, f) }

// workflowFailure is the result of a nested workflow that failed.
func workflowFailure(f *interp.Failure) any {
	return enforce.WorkflowFailureResult(f.Name, f.Cause)
}
