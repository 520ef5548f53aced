"""Stormless python-script shim: runs one StackStorm Python action unchanged.

The Go runner starts `python3 -u stormless_shim.py` with two extra file
descriptors: 3 carries JSON lines from the runner, 4 JSON lines to it. The
first line on 3 describes the execution; datastore calls are requests on 4
answered on 3; the last line on 4 is the result. stdout and stderr are the
action's own.
"""

import importlib.util
import inspect
import json
import os
import sys
import traceback

INVALID_STATUS_EXIT_CODE = 220


class Channel(object):
    """JSON lines to and from the Go runner."""

    def __init__(self):
        for fd in (3, 4):
            os.set_inheritable(fd, False)
        self._in = os.fdopen(3, "r", encoding="utf-8")
        self._out = os.fdopen(4, "w", encoding="utf-8")

    def send(self, message):
        self._out.write(json.dumps(message, default=str) + "\n")
        self._out.flush()

    def receive(self):
        line = self._in.readline()
        if not line:
            raise RuntimeError("the Stormless runner closed the channel")
        return json.loads(line)

    def call(self, op, **kwargs):
        kwargs["op"] = op
        self.send(kwargs)
        reply = self.receive()
        if reply.get("error"):
            raise Exception(reply["error"])
        return reply.get("value")


class KeyValuePair(object):
    """A datastore item as list_values returns it."""

    def __init__(self, item):
        self.id = item.get("name")
        self.name = item.get("name")
        self.value = item.get("value")
        self.scope = item.get("scope")
        self.secret = item.get("secret", False)
        self.expire_timestamp = item.get("expire_timestamp")

    def __repr__(self):
        return "<KeyValuePair name=%s,value=%s>" % (self.name, self.value)


class ActionService(object):
    """self.action_service: StackStorm's datastore methods, served by Stormless."""

    SYSTEM_SCOPE = "system"

    def __init__(self, channel, pack, class_name, log_level, user):
        self._channel = channel
        self._prefix = "%s.%s:" % (pack, class_name)
        self.log_level = log_level
        self._user = user

    def _name(self, name, local):
        return self._prefix + name if local else name

    def _check_scope(self, scope):
        if scope != self.SYSTEM_SCOPE:
            raise ValueError("Scope %s is unsupported." % scope)

    def get_user_info(self):
        return {"username": self._user}

    def list_values(self, local=True, prefix=None, limit=None, offset=0):
        key_prefix = self._prefix + (prefix or "") if local else (prefix or "")
        items = self._channel.call("list", prefix=key_prefix, scope=self.SYSTEM_SCOPE) or []
        offset = offset or 0
        items = items[offset:]
        if limit:
            items = items[:limit]
        return [KeyValuePair(i) for i in items]

    def get_value(self, name, local=True, scope=SYSTEM_SCOPE, decrypt=False):
        self._check_scope(scope)
        try:
            return self._channel.call("get", name=self._name(name, local), scope=scope, decrypt=bool(decrypt))
        except Exception:
            return None

    def set_value(self, name, value, ttl=None, local=True, scope=SYSTEM_SCOPE, encrypt=False):
        self._check_scope(scope)
        self._channel.call("set", name=self._name(name, local), value=str(value), ttl=ttl or 0,
                           scope=scope, encrypt=bool(encrypt))
        return True

    def delete_value(self, name, local=True, scope=SYSTEM_SCOPE):
        self._check_scope(scope)
        try:
            self._channel.call("delete", name=self._name(name, local), scope=scope)
        except Exception:
            return False
        return True


def load_action_class(path, base):
    """Import the entry point and return its Action subclass, as StackStorm's loader does."""
    directory = os.path.dirname(os.path.abspath(path))
    if directory not in sys.path:
        sys.path.append(directory)
    module_name = os.path.splitext(os.path.basename(path))[0]
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None:
        raise Exception('File "%s" has no action class or the file doesn\'t exist.' % path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as e:
        msg = ('Failed to load action class from file "%s" (action file most likely doesn\'t '
               "exist or contains invalid syntax): %s\n\n%s" % (path, e, traceback.format_exc()))
        raise type(e)(msg) if _rebuildable(e) else Exception(msg)
    for _, cls in inspect.getmembers(module, inspect.isclass):
        if cls.__module__ == module.__name__ and issubclass(cls, base) and cls is not base:
            return cls
    raise Exception('File "%s" has no action class or the file doesn\'t exist.' % path)


def _rebuildable(e):
    try:
        type(e)("x")
        return True
    except Exception:
        return False


def make_instance(cls, config, service):
    try:
        return cls(config=config, action_service=service)
    except TypeError:
        instance = cls(config=config)
        instance.action_service = service
        return instance


def serializable(value):
    try:
        json.dumps(value)
        return value
    except (TypeError, ValueError):
        return str(value)


def main():
    channel = Channel()
    spec = channel.receive()
    from st2common.runners.base_action import Action

    cls = load_action_class(spec["entry_point"], Action)
    service = ActionService(channel, spec.get("pack", ""), cls.__name__, spec.get("log_level", "DEBUG"),
                            spec.get("user"))
    action = make_instance(cls, spec.get("config") or {}, service)
    output = action.run(**(spec.get("parameters") or {}))
    status, result = None, output
    if isinstance(output, tuple) and len(output) == 2:
        status, result = output
    if status is not None and not isinstance(status, bool):
        sys.stderr.write("Status returned from the action run() method must either be "
                         "True or False, got: %s\n" % (status,))
        sys.stderr.flush()
        sys.exit(INVALID_STATUS_EXIT_CODE)
    sys.stdout.flush()
    channel.send({"op": "result", "status": status, "result": serializable(result)})


if __name__ == "__main__":
    main()
