import sys

from st2common.runners.base_action import Action


class HelloAction(Action):
    def run(self, name, punctuation="."):
        self.logger.info("greeting %s", name)
        print("about to greet")
        sys.stderr.write("a warning\n")
        return "%s, %s%s" % (self.config.get("greeting", "Hello"), name, punctuation)
