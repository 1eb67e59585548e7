#!/usr/bin/env bash
# Makes sure PostgreSQL and RabbitMQ answer on localhost, in this order of preference:
#   1. connection settings given in the environment (CHAT_POSTGRES / CHAT_RABBITMQ): used as they are;
#   2. a Docker engine that answers: docker compose up;
#   3. otherwise the Debian packages, installed when missing and started.
# Sourced by run.sh and test.sh (which alone calls ensure_chromium); exports ConnectionStrings__Postgres and ConnectionStrings__RabbitMq.
# A RabbitMQ started here gets Chat's own user, `chat`, with a password made once and kept in .chat/ (never guest).
set -euo pipefail

CHAT_DATABASE="${CHAT_DATABASE:-chat}"
log() { printf '[infra] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

wait_for_port() { # host port what
  for _ in $(seq 1 90); do
    if (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; then return 0; fi
    sleep 1
  done
  log "$3 did not answer on $1:$2"; return 1
}

apt_install_missing() { # packages...
  local missing=()
  for package in "$@"; do dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  # Package scripts must not try to start services through an init system that may not run here.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

start_postgres_from_packages() {
  apt_install_missing postgresql
  local version
  version=$(ls /etc/postgresql | sort -n | tail -1)
  if ! as_root pg_ctlcluster "$version" main status >/dev/null 2>&1; then
    log "starting PostgreSQL $version"
    as_root pg_ctlcluster "$version" main start
  fi
  wait_for_port 127.0.0.1 5432 PostgreSQL
  as_root su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres';\"" >/dev/null
  tune_postgres "$version"
}

# Chat rewrites small documents on every message and commits often. Debian's defaults (128 MB of shared
# buffers, a checkpoint at every 1 GB of WAL) make PostgreSQL checkpoint every minute or so under load,
# and every checkpoint multiplies the WAL written after it. Each Chat node also keeps a connection pool
# and holds a connection while it waits for a conversation's lock, so 100 connections are too few for
# several nodes. pg_stat_statements (shipped with Debian's postgresql-15) lets the benchmark count SQL
# statements per message; it loads only at server start. Settings are changed only when they differ, with one restart.
tune_postgres() { # version
  local changed="" setting wanted current
  for pair in max_connections=300 shared_buffers=1GB max_wal_size=8GB checkpoint_timeout=15min \
              shared_preload_libraries=pg_stat_statements; do
    setting="${pair%%=*}"; wanted="${pair#*=}"
    current=$(as_root su postgres -c "psql -tAc 'SHOW $setting'")
    if [ "$current" != "$wanted" ]; then
      as_root su postgres -c "psql -q -c \"ALTER SYSTEM SET $setting = '$wanted'\"" >/dev/null
      changed="$changed $setting=$wanted"
    fi
  done
  if [ -n "$changed" ]; then
    log "tuning PostgreSQL:$changed"
    as_root pg_ctlcluster "$1" main restart
    wait_for_port 127.0.0.1 5432 PostgreSQL
  fi
}

start_rabbitmq_from_packages() {
  apt_install_missing rabbitmq-server
  if ! as_root rabbitmqctl -q status >/dev/null 2>&1; then
    log "starting RabbitMQ"
    as_root rabbitmq-server -detached >/dev/null 2>&1 || true
    # The node registers a moment after -detached returns; await_startup fails until it has.
    for _ in $(seq 1 120); do
      as_root rabbitmqctl -q await_startup --timeout 5 >/dev/null 2>&1 && break
      sleep 1
    done
  fi
  as_root rabbitmq-plugins -q enable rabbitmq_management >/dev/null 2>&1 || true
  wait_for_port 127.0.0.1 5672 RabbitMQ
}

# The browser tests drive Debian's chromium (by its path, through Playwright): never a downloaded browser.
# The fonts give screenshots readable text on a machine that has no desktop.
ensure_chromium() {
  apt_install_missing chromium fonts-liberation
}

chat_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.chat"
compose() { docker compose -f "$(dirname "${BASH_SOURCE[0]}")/../docker-compose.yml" "$@"; }

# Chat's broker password, made once per checkout like the token signing key.
rabbitmq_password() {
  mkdir -p "$chat_dir"
  [ -s "$chat_dir/rabbitmq-password" ] || (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$chat_dir/rabbitmq-password")
  cat "$chat_dir/rabbitmq-password"
}

# Makes sure the user `chat` exists with the kept password and may use the default virtual host.
ensure_rabbitmq_user() { # rabbitmqctl command...
  local password
  password=$(rabbitmq_password)
  "$@" -q await_startup >/dev/null
  if ! "$@" -q authenticate_user chat "$password" >/dev/null 2>&1; then
    if "$@" -q list_users | cut -f1 | grep -qx chat; then
      "$@" -q change_password chat "$password" >/dev/null
    else
      log "creating RabbitMQ user chat"
      "$@" -q add_user chat "$password" >/dev/null
    fi
  fi
  "$@" -q set_permissions -p / chat '.*' '.*' '.*' >/dev/null
}

create_database() { # name
  if [ -n "${CHAT_POSTGRES:-}" ]; then return 0; fi
  PGPASSWORD=postgres psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$1'" | grep -q 1 \
    || PGPASSWORD=postgres psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE \"$1\"" >/dev/null
}

ensure_infrastructure() {
  if [ -z "${CHAT_POSTGRES:-}" ] || [ -z "${CHAT_RABBITMQ:-}" ]; then
    if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
      log "starting PostgreSQL and RabbitMQ with docker compose"
      CHAT_RABBITMQ_PASSWORD=$(rabbitmq_password) compose up -d postgres rabbitmq >/dev/null
      wait_for_port 127.0.0.1 5432 PostgreSQL
      wait_for_port 127.0.0.1 5672 RabbitMQ
      [ -n "${CHAT_RABBITMQ:-}" ] || ensure_rabbitmq_user compose exec -T rabbitmq rabbitmqctl
      command -v psql >/dev/null 2>&1 || apt_install_missing postgresql-client
    else
      [ -n "${CHAT_POSTGRES:-}" ] || start_postgres_from_packages
      if [ -z "${CHAT_RABBITMQ:-}" ]; then
        start_rabbitmq_from_packages
        ensure_rabbitmq_user as_root rabbitmqctl
      fi
    fi
  fi
  create_database "$CHAT_DATABASE"
  # The database started here is on this machine: TLS to it would only cost both sides CPU per round trip.
  export ConnectionStrings__Postgres="${CHAT_POSTGRES:-Host=127.0.0.1;Port=5432;Database=$CHAT_DATABASE;Username=postgres;Password=postgres;SSL Mode=Disable}"
  export ConnectionStrings__RabbitMq="${CHAT_RABBITMQ:-amqp://chat:$(rabbitmq_password)@127.0.0.1:5672}"
}
