"""Stormless's stand-in for st2actions.runners."""
