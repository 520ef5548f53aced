"""Stormless's stand-in for StackStorm's legacy st2actions package."""
