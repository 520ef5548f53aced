from lib.helper import shout
from st2actions.runners.pythonrunner import Action


class UsesLib(Action):
    def run(self, word):
        return {"word": shout(word), "set": str(sorted({3, 1}))}
