// Package pyrunner holds the Python runner Lambda function (python3.12,
// arm64): handler.py runs one python-script action through the shim of
// internal/runner/python, which `make functions` copies beside it into
// dist/pyrunner/, and stormless_kv.py serves the action's datastore calls
// on SSM Parameter Store in internal/datastore/ssmkv's layout. The runner
// function invokes it for python-script actions (python.Remote over
// lambdafn.PythonFunction). There is no Go code here: the tests run the
// handler with the machine's python3.
package pyrunner
