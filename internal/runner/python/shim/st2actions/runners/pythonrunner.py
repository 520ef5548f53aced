"""Legacy import path of the Action base class (StackStorm < 2.x packs)."""

from st2common.runners.base_action import Action  # noqa: F401

__all__ = ["Action"]
