#!/bin/sh
# Prints its arguments, a line from lib/, and where it runs from.
. "$(dirname "$0")/lib/common.sh"
for a in "$@"; do
  printf '[%s]\n' "$a"
done
greet
