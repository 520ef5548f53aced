// Package python is the python-script runner: it runs an existing
// StackStorm Python action, unchanged, with the machine's python3.
//
// Stormless ships a small shim (embedded here, written out to a cache
// directory on first use) that provides st2common.runners.base_action.Action
// with self.config, self.logger and self.action_service. The shim imports
// the entry point, finds its Action subclass as StackStorm's loader does,
// calls run(**parameters) and sends the result back. The runner and the
// shim talk JSON lines over two extra file descriptors (3: runner to shim,
// 4: shim to runner), so the action's stdout and stderr stay its own and
// are streamed line by line; datastore calls (get_value, set_value,
// delete_value, list_values) go back to the Request's Datastore.
//
// The result is StackStorm's {result, stdout, stderr, exit_code}: a run()
// returning (False, x) fails with result x, (True, x) or a plain value
// succeeds; an action that raises fails with its traceback in stderr and
// result "None", as StackStorm reports it.
//
// Remote is the same runner for hosts without Python (the runner Lambda
// function): it builds the same start message and action variables as an
// Invocation, has an Executor run the shim elsewhere (the Python Lambda
// function, pyrunner/handler.py, which starts this very shim with the
// same channel and serves the datastore there), and builds the same
// result from the Completion.
package python
