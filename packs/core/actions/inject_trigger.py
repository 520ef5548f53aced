"""core.inject_trigger: emit a trigger instance through the API's generic
webhook (POST /v1/webhooks/st2), which the runner points at with
ST2_ACTION_API_URL and authenticates with ST2_ACTION_AUTH_TOKEN."""

import json
import os
import urllib.request

try:  # StackStorm-compatible Python runners provide the Action base class.
    from st2common.runners.base_action import Action
except ImportError:  # pragma: no cover - running outside a runner
    class Action(object):
        def __init__(self, config=None):
            self.config = config or {}


class InjectTriggerAction(Action):
    def run(self, trigger=None, trigger_name=None, payload=None, trace_tag=None):
        ref = trigger_name or trigger
        if not ref:
            raise ValueError("give trigger_name (or trigger): the ref of the trigger to inject")
        body = {"trigger": ref, "payload": payload or {}}
        if trace_tag:
            body["trace_tag"] = trace_tag
        api = os.environ.get("ST2_ACTION_API_URL", "http://127.0.0.1:9101/v1").rstrip("/")
        req = urllib.request.Request(
            api + "/webhooks/st2",
            data=json.dumps(body).encode("utf-8"),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        token = os.environ.get("ST2_ACTION_AUTH_TOKEN")
        if token:
            req.add_header("X-Auth-Token", token)
        with urllib.request.urlopen(req, timeout=30) as resp:
            return json.loads(resp.read().decode("utf-8") or "{}")
