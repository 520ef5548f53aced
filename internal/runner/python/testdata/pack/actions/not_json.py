from st2common.runners.base_action import Action


class NotJSON(Action):
    def run(self):
        return (True, {1, 2})
