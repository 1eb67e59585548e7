#!/usr/bin/env bash
# Rebuilds every stored projection (inbox, conversation details, presence, the thread write-model
# snapshots, message rows, hash chains) from the stored events. Run it while the service is stopped;
# the events themselves are never touched.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/infrastructure.sh
ensure_infrastructure
mkdir -p .chat
[ -s .chat/signing-key ] || head -c 48 /dev/urandom | base64 | tr -d '\n' > .chat/signing-key
export Chat__Auth__SigningKey="${Chat__Auth__SigningKey:-$(cat .chat/signing-key)}"
export Chat__Demo__Enabled=false
exec dotnet run --project Chat.Api -c Release -- projections rebuild
