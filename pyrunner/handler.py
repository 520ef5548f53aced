"""Stormless Python runner function (AWS Lambda, python3.12).

The runner function (Go, provided.al2023) has no Python. For a
python-script action it invokes this function with an Invocation
(internal/runner/python/remote.go):

    {"start": <the shim's first message>, "pack_dir": "/opt/packs/<pack>",
     "env": {<ST2_ACTION_* and the env parameter>}, "timeout": <seconds>}

and this handler does what the local runner does: it starts the same shim
(stormless_shim.py, copied beside this file by `make functions`) as
`python3 -u` with the channel on file descriptors 3 and 4, sends it the
start message, answers its datastore calls (on SSM Parameter Store, see
stormless_kv.py) and returns the Completion:

    {"stdout", "stderr", "exit_code", "timed_out", "done", "status", "result"}

The Go side turns that into StackStorm's {result, stdout, stderr,
exit_code}, as locally. The packs come from the packs layer at /opt/packs,
so entry points have the same absolute paths as in the runner function.
"""

import json
import os
import signal
import subprocess
import sys
import threading

import stormless_kv

# SHIM_DIR holds stormless_shim.py and the st2common/st2actions stubs.
SHIM_DIR = os.environ.get("STORMLESS_SHIM_DIR") or os.path.dirname(os.path.abspath(__file__))
SHIM_MAIN = "stormless_shim.py"
DEFAULT_TIMEOUT = 600.0
# MARGIN is kept from the function's own time limit to report a timeout.
MARGIN_SECONDS = 2.0

# LAUNCH puts the two pipe ends on descriptors 3 and 4, where the shim
# expects its channel, then runs the shim as __main__.
LAUNCH = """
import fcntl, os, runpy, sys
a = fcntl.fcntl(int(sys.argv[1]), fcntl.F_DUPFD, 10)
b = fcntl.fcntl(int(sys.argv[2]), fcntl.F_DUPFD, 10)
os.close(int(sys.argv[1])); os.close(int(sys.argv[2]))
os.dup2(a, 3); os.dup2(b, 4); os.close(a); os.close(b)
path = sys.argv[3]
sys.argv = [path]
sys.path[0] = os.path.dirname(path)
runpy.run_path(path, run_name="__main__")
"""


class InvocationError(ValueError):
    """The event is not an Invocation."""


def handler(event, context):
    """The Lambda entry point: runs one action, returns its Completion."""
    limit = None
    if context is not None and hasattr(context, "get_remaining_time_in_millis"):
        limit = context.get_remaining_time_in_millis() / 1000.0 - MARGIN_SECONDS
    return run(event, datastore_factory(), limit)


def datastore_factory():
    """Returns a function making the datastore of a user, on SSM via boto3 (created on first use)."""
    root = stormless_kv.root_of(os.environ.get("STORMLESS_KV_PREFIX", "/stormless/"))
    client = []

    def make(user):
        def ssm():
            if not client:
                import boto3  # the python3.12 runtime includes it
                client.append(boto3.client("ssm"))
            return client[0]
        return stormless_kv.Datastore(ssm, root, user)
    return make


def check(event):
    """Returns the start message of event, or raises InvocationError saying what is wrong."""
    if not isinstance(event, dict):
        raise InvocationError("the event must be an object with start, pack_dir, env and timeout (got %s)" % type(event).__name__)
    start = event.get("start")
    if not isinstance(start, dict) or not isinstance(start.get("entry_point"), str) or not start["entry_point"]:
        raise InvocationError("the event's start.entry_point must name the action's file")
    if not os.path.isfile(start["entry_point"]):
        raise InvocationError("action file %s not found: is the packs layer at /opt/packs attached and current?" % start["entry_point"])
    env = event.get("env") or {}
    if not isinstance(env, dict) or not all(isinstance(v, str) for v in env.values()):
        raise InvocationError("the event's env must map names to strings")
    try:
        float(event.get("timeout") or DEFAULT_TIMEOUT)
    except (TypeError, ValueError):
        raise InvocationError("the event's timeout must be a number of seconds")
    return start


def environ(event):
    """The shim's environment: this process's, the event's variables, then PYTHONPATH."""
    path = [SHIM_DIR]
    if event.get("pack_dir"):
        path.append(os.path.join(event["pack_dir"], "actions", "lib"))
    if os.environ.get("PYTHONPATH"):
        path.append(os.environ["PYTHONPATH"])
    env = dict(os.environ)
    env.update({k: v for k, v in (event.get("env") or {}).items() if k.upper() != "PYTHONPATH"})
    env["PYTHONPATH"] = os.pathsep.join(path)
    return env


def run(event, make_datastore, limit=None):
    """Runs the action of event through the shim; limit caps the timeout (seconds)."""
    start = check(event)
    timeout = float(event.get("timeout") or DEFAULT_TIMEOUT)
    if limit is not None:
        timeout = max(min(timeout, limit), 0.1)
    to_shim_r, to_shim_w = os.pipe()
    from_shim_r, from_shim_w = os.pipe()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-u", "-c", LAUNCH, str(to_shim_r), str(from_shim_w), os.path.join(SHIM_DIR, SHIM_MAIN)],
            pass_fds=(to_shim_r, from_shim_w), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, env=environ(event), start_new_session=True)
    finally:
        os.close(to_shim_r)
        os.close(from_shim_w)
    to_shim = os.fdopen(to_shim_w, "w", encoding="utf-8")
    from_shim = os.fdopen(from_shim_r, "r", encoding="utf-8")
    out, err, report = [], [], {}
    threads = [
        threading.Thread(target=lambda: out.append(proc.stdout.read())),
        threading.Thread(target=lambda: err.append(proc.stderr.read())),
        threading.Thread(target=serve, args=(start, from_shim, to_shim, make_datastore(start.get("user")), report)),
    ]
    for t in threads:
        t.start()
    timed_out = False
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
    for t in threads:
        t.join()
    for f in (to_shim, from_shim, proc.stdout, proc.stderr):
        try:
            f.close()
        except OSError:
            pass  # the shim is gone: nothing to flush to
    return {
        "stdout": decode(out), "stderr": decode(err), "exit_code": -9 if timed_out else proc.returncode,
        "timed_out": timed_out, "done": "result" in report, "status": report.get("status"),
        "result": report.get("result"),
    }


# MAX_STREAM caps stdout and stderr each (bytes) so that the answer stays
# under Lambda's 6 MB response limit; the rest is dropped with a note.
MAX_STREAM = 2 * 1024 * 1024


def decode(chunks):
    data = b"".join(c for c in chunks if c)
    if len(data) <= MAX_STREAM:
        return data.decode("utf-8", errors="replace")
    note = "\n[stormless: %d more bytes dropped: a Lambda answer is limited to 6 MB]\n" % (len(data) - MAX_STREAM)
    return data[:MAX_STREAM].decode("utf-8", errors="ignore") + note


def serve(start, reader, writer, datastore, report):
    """Sends the start message, then answers the shim's datastore calls until it closes the channel."""
    try:
        writer.write(json.dumps(start) + "\n")
        writer.flush()
    except (BrokenPipeError, OSError):
        return  # a shim that died early reads nothing
    for line in reader:
        try:
            message = json.loads(line)
        except ValueError:
            continue
        if message.get("op") == "result":
            report["status"] = message.get("status")
            report["result"] = message.get("result")
            continue
        try:
            writer.write(json.dumps(datastore.call(message), default=str) + "\n")
            writer.flush()
        except (BrokenPipeError, OSError):
            pass  # a shim that is gone needs no answer
