#!/bin/sh
# One valid object per line, a line that is not JSON, an object failing
# the payload schema, and a count that grows with each run.
n=$(cat "$STATE_FILE" 2>/dev/null || echo 0)
n=$((n + 1))
echo "$n" > "$STATE_FILE"
echo "{\"level\": \"high\", \"count\": $n}"
echo "not json"
echo '{"count": 1}'
echo '{"level": "low", "sensor": "'"$STORMLESS_SENSOR"'"}'
