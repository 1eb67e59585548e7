#!/usr/bin/env bash
# Measures Chat on this machine (see README, "Benchmark"). The first word chooses the run:
#   ./bench.sh [load]   real SignalR clients at saturation and at a fixed rate, idle connections, PostgreSQL's
#                       own ceiling (pgbench), and what each message costs; writes benchmark-results.json
#   ./bench.sh growth   one conversation driven to 10,000 messages, measured near its start and its end
#   ./bench.sh rebuild  stores at least 100,000 events, stops the service it started, times the projections' rebuild
#   ./bench.sh drain    the same events as a backlog of integration events: the relay set back to the start, the
#                       service started again, timed until a RabbitMQ consumer has them all (use a fresh database)
# It starts the service the README's way when it is not running. Options go to the benchmark, e.g.
# ./bench.sh --visitors 200 --mode http, ./bench.sh growth --messages 2000, ./bench.sh rebuild --events 20000
set -euo pipefail
cd "$(dirname "$0")"
url="${CHAT_URL:-http://localhost:5000}"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
run=load
case "${1:-}" in load|growth|rebuild|drain) run=$1; shift ;; esac

# The same database and broker as the service (run.sh does the same); exports ConnectionStrings__Postgres.
source scripts/infrastructure.sh
ensure_infrastructure

# One client machine plays hundreds of visitors and agents: the limits per address, visitor, connection and workspace
# are lifted for a service this script starts (a service already running keeps its own; see README, "Rate limits").
for limit in LoginsPerAddressPerMinute WidgetSessionsPerAddressPerMinute SignUpsPerAddressPerHour InvitesPerAddressPerMinute SignInFailuresBeforeLockout VisitorMessagesPerMinute WorkspaceRequestsPerSecond HubCallsPerSecond; do
  export "Chat__RateLimits__$limit=100000000"
done

started=""
if [ "$run" = drain ] && curl -sf "$url/health" >/dev/null 2>&1; then
  echo "The drain run stops and starts the service itself: stop the service at $url, or give another CHAT_URL."; exit 2
fi
if ! curl -sf "$url/health" >/dev/null 2>&1; then
  echo "Starting the service with ./run.sh ..."
  mkdir -p .chat
  # In a process group of its own, so that stopping it stops the service that `dotnet run` started too.
  CHAT_URL="$url" setsid ./run.sh > .chat/bench-service.log 2>&1 &
  started=$!
  for _ in $(seq 1 180); do curl -sf "$url/health" >/dev/null 2>&1 && break; sleep 1; done
  curl -sf "$url/health" >/dev/null || { echo "The service did not start; see .chat/bench-service.log"; exit 1; }
fi
# Only a service this script started is stopped again.
stop_started() {
  [ -n "$started" ] || return 0
  kill -TERM -- "-$started" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 -- "-$started" 2>/dev/null || break; sleep 1; done
  started=""
}
trap stop_started EXIT

benchmark() {
  dotnet run --project Chat.Benchmark -c Release -- --url "$url" --admin-password "$(cat .chat/admin-password)" \
    --pg "$ConnectionStrings__Postgres" --rabbitmq "$ConnectionStrings__RabbitMq" "$@"
}

# The service's own program, built, with the settings run.sh gives it (for the runs that start it without run.sh).
built_service_settings() {
  dotnet build Chat.Api -c Release -v quiet -nologo >/dev/null
  [ -s .chat/signing-key ] || head -c 48 /dev/urandom | base64 | tr -d '\n' > .chat/signing-key
  export Chat__Auth__SigningKey="${Chat__Auth__SigningKey:-$(cat .chat/signing-key)}" Chat__Demo__Enabled=false
}

case "$run" in
  load)
    command -v pgbench >/dev/null || echo "pgbench not found (Debian package postgresql-contrib); the PostgreSQL ceiling is skipped."
    benchmark "$@" ;;
  growth)
    benchmark --run growth "$@" ;;
  rebuild)
    benchmark --run fill "$@"
    if [ -n "$started" ]; then stop_started
    else echo "The service at $url was not started here and keeps running: the rebuild runs beside it."; fi
    # What ./rebuild.sh runs, from a build that is up to date, without `dotnet run`'s build check in the timing.
    built_service_settings
    benchmark --run rebuild "$@" ;;
  drain)
    benchmark --run fill "$@"
    stop_started
    # The benchmark starts the built service itself, so that the timing starts with the process.
    built_service_settings
    benchmark --run drain "$@" ;;
esac
