"""Stormless's stand-in for StackStorm's st2common: only what Python actions import."""
