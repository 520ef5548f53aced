from st2common.runners.base_action import Action


class Raises(Action):
    def run(self, what):
        raise ValueError("it went " + what)
