#!/bin/sh
# Prints each argument on its own line, between brackets.
for a in "$@"; do
  printf '[%s]\n' "$a"
done
