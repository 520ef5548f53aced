"""core.pause: sleep for max_pause seconds, or a random part of it."""

import random as _random
import time

try:  # StackStorm-compatible Python runners provide the Action base class.
    from st2common.runners.base_action import Action
except ImportError:  # pragma: no cover - running outside a runner
    class Action(object):
        def __init__(self, config=None):
            self.config = config or {}


class PauseAction(Action):
    def run(self, max_pause, random=False):
        seconds = float(max_pause)
        if random:
            seconds = _random.uniform(0, seconds)
        time.sleep(seconds)
        return {"paused_for": seconds}
