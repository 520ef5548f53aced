#!/bin/sh
echo "no upstream reachable" >&2
exit 2
