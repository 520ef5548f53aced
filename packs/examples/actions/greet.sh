#!/usr/bin/env bash
# examples.greet: positional arguments are the action's parameters in
# position order: NAME SHOUT.
set -euo pipefail

name="${1:-world}"
shout="${2:-false}"

greeting="Hello, ${name}!"
case "${shout}" in
  true | True | TRUE | 1) greeting="$(printf '%s' "${greeting}" | tr '[:lower:]' '[:upper:]')" ;;
esac
echo "${greeting}"
