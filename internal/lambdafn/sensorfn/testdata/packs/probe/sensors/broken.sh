#!/bin/sh
echo "cannot reach the probe" >&2
exit 3
