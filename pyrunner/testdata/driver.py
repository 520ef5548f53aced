"""Runs the handler on the Invocation read from stdin, with an in-memory SSM, and prints the Completion.

Usage: python3 driver.py < invocation.json (pyrunner_test.go's executor).
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
os.environ.setdefault("STORMLESS_SHIM_DIR", os.path.join(ROOT, "internal", "runner", "python", "shim"))
sys.path[:0] = [os.path.dirname(HERE), HERE]

import handler  # noqa: E402
import stormless_kv  # noqa: E402
from fake_ssm import FakeSSM  # noqa: E402

ssm = FakeSSM()
completion = handler.run(json.load(sys.stdin), lambda user: stormless_kv.Datastore(lambda: ssm, "/stormless", user))
json.dump(completion, sys.stdout)
