from st2common.runners.base_action import Action


class Fails(Action):
    def run(self):
        return (False, {"reason": "nope"})
