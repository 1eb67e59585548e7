#!/usr/bin/env bash
# Starts Chat with everything it needs. See README, "Run it".
set -euo pipefail
cd "$(dirname "$0")"
source scripts/infrastructure.sh
ensure_infrastructure

# The token signing key is made once per checkout and kept out of git.
mkdir -p .chat
[ -s .chat/signing-key ] || head -c 48 /dev/urandom | base64 | tr -d '\n' > .chat/signing-key
export Chat__Auth__SigningKey="${Chat__Auth__SigningKey:-$(cat .chat/signing-key)}"
export Chat__RabbitMq__Enabled="${Chat__RabbitMq__Enabled:-true}"
# The demo admin's password, made once; the first start prints it, bench.sh reads it from here.
[ -s .chat/admin-password ] || head -c 18 /dev/urandom | base64 | tr -d '/+=\n' > .chat/admin-password
export Chat__Demo__AdminPassword="${Chat__Demo__AdminPassword:-$(cat .chat/admin-password)}"
# Every WebSocket is a file descriptor; the usual limit of 1024 would cap connections.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

url="${CHAT_URL:-http://localhost:5000}"
echo "Chat starts on $url (OpenAPI: $url/openapi/v1.json). Stop it with Ctrl+C."
exec dotnet run --project Chat.Api -c Release -- --urls "$url"
