#!/bin/sh
# A JSON array naming the trigger type of each object.
cat <<'JSON'
[
  {"trigger": "up", "payload": {"host": "a"}},
  {"trigger": "acme.down", "payload": {"host": "b"}},
  {"trigger": "sideways", "payload": {}}
]
JSON
