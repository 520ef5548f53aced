#!/bin/sh
echo "connecting to upstream failed" >&2
exit 3
