#!/usr/bin/env bash
# Measures Chat on this machine: starts the service the README's way when it is not running, drives it
# with real SignalR clients, measures PostgreSQL's own commit ceiling with pgbench, prints a table and
# writes benchmark-results.json. Options go to the benchmark, e.g. ./bench.sh --visitors 200 --mode http
set -euo pipefail
cd "$(dirname "$0")"
url="${CHAT_URL:-http://localhost:5000}"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

started=""
if ! curl -sf "$url/health" >/dev/null 2>&1; then
  echo "Starting the service with ./run.sh ..."
  CHAT_URL="$url" ./run.sh > .chat/bench-service.log 2>&1 &
  started=$!
  for _ in $(seq 1 180); do curl -sf "$url/health" >/dev/null 2>&1 && break; sleep 1; done
  curl -sf "$url/health" >/dev/null || { echo "The service did not start; see .chat/bench-service.log"; exit 1; }
fi
# Only a service this script started is stopped again.
stop_started() { [ -n "$started" ] || return 0; kill "$started" 2>/dev/null; pkill -f "Chat.Api --urls $url" 2>/dev/null || true; }
trap stop_started EXIT

command -v pgbench >/dev/null || echo "pgbench not found (Debian package postgresql-contrib); the PostgreSQL ceiling is skipped."
dotnet run --project Chat.Benchmark -c Release -- --url "$url" --admin-password "$(cat .chat/admin-password)" \
  --pg "host=127.0.0.1 port=5432 dbname=${CHAT_DATABASE:-chat} user=postgres password=postgres" "$@"
