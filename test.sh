#!/usr/bin/env bash
# Runs every test against real PostgreSQL and RabbitMQ, started as run.sh starts them, and (for the browser tests)
# Debian's chromium, installed when missing.
# Ends with the line "N passed, N failed" and exits non-zero when a test failed.
set -euo pipefail
cd "$(dirname "$0")"
CHAT_DATABASE="${CHAT_DATABASE:-chat_tests}"
source scripts/infrastructure.sh
ensure_infrastructure
ensure_chromium

results="$(pwd)/TestResults"
rm -rf "$results"
status=0
dotnet test Chat.sln -c Release --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@" || status=$?

trx="$results/results.trx"
if [ ! -f "$trx" ]; then
  echo "0 passed, 1 failed"
  exit 1
fi
counters=$(grep -o '<Counters [^>]*>' "$trx")
count() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
passed=$(count passed); failed=$(count failed); total=$(count total); executed=$(count executed)
skipped=$(( total - executed ))
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
