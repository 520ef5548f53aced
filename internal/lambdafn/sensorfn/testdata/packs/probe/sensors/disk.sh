#!/bin/sh
# Prints two readings (one trigger type: each object is a payload), one of
# them not matching the payload schema, and a line that is not JSON.
echo '{"mount": "/", "used": 97}'
echo '{"used": "lots"}'
echo 'not json'
