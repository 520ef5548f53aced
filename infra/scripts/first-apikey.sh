#!/bin/sh
# first-apikey.sh OUTPUTS.json [USER]: creates an API key in the deployed
# stack's table (the API refuses every request until one exists), prints
# the key on stdout, once. OUTPUTS.json is what `make deploy` writes
# (cdk.out/outputs.json). Needs the aws CLI, openssl and sha256sum; honours
# AWS_ENDPOINT_URL (LocalStack). The item is what internal/apikey/dynamokeys
# writes: pk AK#<sha256 hex of the key>, sk AK, the key record in doc.
set -eu
outputs=${1:?usage: first-apikey.sh OUTPUTS.json [USER]}
user=${2:-admin}
table=$(sed -n 's/.*"TableName": *"\([^"]*\)".*/\1/p' "$outputs" | head -n 1)
if [ -z "$table" ]; then
  echo "first-apikey.sh: no TableName in $outputs (run make deploy first)" >&2
  exit 1
fi
key=$(openssl rand 32 | openssl base64 -A | tr '+/' '-_' | tr -d '=')
hash=$(printf %s "$key" | sha256sum | cut -d' ' -f1)
id=$(openssl rand -hex 12)
now=$(date -u +%Y-%m-%dT%H:%M:%S)
endpoint=
if [ -n "${AWS_ENDPOINT_URL:-}" ]; then endpoint="--endpoint-url $AWS_ENDPOINT_URL"; fi
doc=$(printf '{\\"id\\":\\"%s\\",\\"user\\":\\"%s\\",\\"created_at\\":\\"%sZ\\",\\"enabled\\":true}' "$id" "$user" "$now")
# shellcheck disable=SC2086
aws $endpoint dynamodb put-item --table-name "$table" \
  --condition-expression 'attribute_not_exists(pk)' \
  --item "{\"pk\":{\"S\":\"AK#$hash\"},\"sk\":{\"S\":\"AK\"},\"kind\":{\"S\":\"AK\"},\"ts\":{\"S\":\"$now.000000000Z#$id\"},\"g1\":{\"S\":\"AK#$id\"},\"doc\":{\"S\":\"$doc\"}}" >&2
echo "first-apikey.sh: created API key $id for $user in $table; keep it now, it is stored hashed" >&2
printf '%s\n' "$key"
