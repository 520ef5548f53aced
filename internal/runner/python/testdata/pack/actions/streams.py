import os
import time

from st2common.runners.base_action import Action


class Streams(Action):
    def run(self, flag):
        print("first")
        while not os.path.exists(flag):
            time.sleep(0.02)
        print("second")
        return os.environ.get("ST2_ACTION_EXECUTION_ID")
