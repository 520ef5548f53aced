package runner

import "errors"

// ErrNoEntryPoint is returned (wrapped) by every runner that needs an
// entry point when the action has none or its file does not exist.
var ErrNoEntryPoint = errors.New("entry point not found")

// ErrSudoRefused is returned (wrapped) by the shell and SSH runners when
// an action asks for sudo and the runtime was not configured to allow it.
var ErrSudoRefused = errors.New("sudo is not allowed for actions on this runtime (enable it with the runner's sudo option)")
