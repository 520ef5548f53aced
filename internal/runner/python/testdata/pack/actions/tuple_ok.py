from st2common.runners.base_action import Action


class Succeeds(Action):
    def run(self):
        return (True, [1, 2])
