"""The Action base class StackStorm Python actions subclass.

An action gets the pack config as self.config, a logger as self.logger
(writing to stderr) and datastore access as self.action_service; the
runner calls run(**parameters).
"""

import abc
import logging

__all__ = ["Action"]

LOG_FORMAT = "%(asctime)s %(process)d %(levelname)s %(module)s [-] %(message)s"
AUDIT = 5

logging.addLevelName(AUDIT, "AUDIT")


def get_logger(name, log_level="DEBUG"):
    """Return the logger of an action: actions.python.<name>, on stderr."""
    logger = logging.getLogger("actions.python.%s" % name)
    logger.propagate = False
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        logger.addHandler(handler)
    level = logging.getLevelName(str(log_level).upper())
    logger.setLevel(level if isinstance(level, int) else logging.DEBUG)
    return logger


class Action(abc.ABC):
    """Base class of Python runner actions; subclasses implement run()."""

    description = None

    def __init__(self, config=None, action_service=None):
        self.config = config or {}
        self.action_service = action_service
        log_level = getattr(action_service, "log_level", "DEBUG")
        self.logger = get_logger(self.__class__.__name__, log_level)

    @abc.abstractmethod
    def run(self, **kwargs):
        raise NotImplementedError()
