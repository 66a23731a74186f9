#!/usr/bin/env bash
# Shared set-up for scripts/run.sh and scripts/test.sh.
# Installs what a fresh Debian 12 machine lacks, then starts a project-local PostgreSQL (+pgvector)
# and nats-server -js under .data/ unless connection settings are already given in the environment.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${COWORKER_DATA_DIR:-$ROOT/.data}"
PG_PORT="${COWORKER_PG_PORT:-55432}"
NATS_PORT="${COWORKER_NATS_PORT:-54222}"
PG_BIN="/usr/lib/postgresql/15/bin"

log() { printf '\033[1;34m[coworker]\033[0m %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

install_prerequisites() {
  local missing=()
  [ -x "$PG_BIN/postgres" ] || missing+=(postgresql-15 postgresql-contrib)
  [ -f /usr/include/postgresql/15/server/postgres.h ] || missing+=(postgresql-server-dev-15)
  command -v nats-server >/dev/null || missing+=(nats-server)
  command -v make >/dev/null || missing+=(build-essential)
  command -v gcc >/dev/null || missing+=(build-essential)
  command -v dpkg-source >/dev/null || missing+=(dpkg-dev)
  command -v curl >/dev/null || missing+=(curl)
  # WordNet's synsets feed the offline embedder's synonym expansion (Grains/Embeddings, docs/search.md).
  [ -f /usr/share/wordnet/data.noun ] || missing+=(wordnet-base)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing: ${missing[*]}"
    apt_install "${missing[@]}"
  fi
  command -v dotnet >/dev/null || { log "the .NET 10 SDK is required (dotnet on PATH)"; exit 1; }
  install_pgvector
}

# pgvector is not packaged for Debian 12's PostgreSQL 15: build it from Debian's own trixie source package.
install_pgvector() {
  local sharedir; sharedir="$("$PG_BIN/pg_config" --sharedir)"
  [ -f "$sharedir/extension/vector.control" ] && return 0
  log "building pgvector from Debian's trixie source package"
  if ! grep -rqs "trixie" /etc/apt/sources.list.d/coworker-trixie-src.sources; then
    as_root tee /etc/apt/sources.list.d/coworker-trixie-src.sources >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    apt_updated=0
  fi
  if [ "$apt_updated" = 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  local build; build="$(mktemp -d)"
  (cd "$build" && apt-get source -qq pgvector >/dev/null 2>&1 && cd pgvector-*/ \
     && make -s PG_CONFIG="$PG_BIN/pg_config" >/dev/null && as_root make -s install PG_CONFIG="$PG_BIN/pg_config" >/dev/null)
  rm -rf "$build"
  [ -f "$sharedir/extension/vector.control" ] || { log "pgvector build failed"; exit 1; }
}

# Runs a command as the postgres OS user when we are root (PostgreSQL refuses to run as root).
pg_user_run() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  if [ -n "${ConnectionStrings__Postgres:-}" ]; then log "using PostgreSQL from ConnectionStrings__Postgres"; return 0; fi
  local dir="$DATA/postgres"
  mkdir -p "$DATA"
  if [ ! -s "$dir/PG_VERSION" ]; then
    log "initialising PostgreSQL in $dir"
    mkdir -p "$dir"
    local pw; pw="$(mktemp)"; echo "coworker" > "$pw"
    if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$dir" "$pw"; chmod 755 "$DATA"; fi
    pg_user_run "$PG_BIN/initdb" -D "$dir" -U coworker --pwfile="$pw" --auth-host=scram-sha-256 --auth-local=trust -E UTF8 >/dev/null
    rm -f "$pw"
  fi
  if ! pg_user_run "$PG_BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    STARTED_POSTGRES=1
    pg_user_run "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start \
      -o "-p $PG_PORT -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=${COWORKER_PG_FSYNC:-on}" >/dev/null
  fi
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Username=coworker;Password=coworker;Database=coworker"
  pg_user_run "$PG_BIN/psql" -h "$dir" -p "$PG_PORT" -U coworker -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='coworker'" | grep -q 1 \
    || pg_user_run "$PG_BIN/createdb" -h "$dir" -p "$PG_PORT" -U coworker coworker
}

# Stops only what this script started: a server that was already running (another shell, a test run) stays.
stop_postgres() {
  [ "${STARTED_POSTGRES:-0}" = 1 ] || return 0
  local dir="$DATA/postgres"
  [ -s "$dir/PG_VERSION" ] && pg_user_run "$PG_BIN/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
}

start_nats() {
  if [ -n "${ConnectionStrings__Nats:-}" ]; then log "using NATS from ConnectionStrings__Nats"; return 0; fi
  local dir="$DATA/nats"
  mkdir -p "$dir"
  if ! (exec 3<>/dev/tcp/127.0.0.1/"$NATS_PORT") 2>/dev/null; then
    log "starting nats-server -js on 127.0.0.1:$NATS_PORT"
    STARTED_NATS=1
    nohup nats-server -js -a 127.0.0.1 -p "$NATS_PORT" -sd "$dir/jetstream" >"$dir/server.log" 2>&1 &
    echo $! > "$dir/nats.pid"
    for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/"$NATS_PORT") 2>/dev/null && break; sleep 0.1; done
  fi
  export ConnectionStrings__Nats="nats://127.0.0.1:$NATS_PORT"
}

stop_nats() {
  [ "${STARTED_NATS:-0}" = 1 ] || return 0
  local pidfile="$DATA/nats/nats.pid"
  [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  rm -f "$pidfile"
}

# What only the tests need: chromium for Studio browser tests, the MCP conformance suite (npm).
install_test_prerequisites() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v python3 >/dev/null || missing+=(python3)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing: ${missing[*]}"
    apt_install "${missing[@]}"
  fi
  install_conformance_suite
}

# @modelcontextprotocol/conformance, pinned by tests/conformance/package-lock.json (docs/mcp-conformance.md).
# Installed only when tests/conformance/node_modules is missing; needs the machine's Node.js 20 and npm.
install_conformance_suite() {
  local dir="$ROOT/tests/conformance"
  [ -d "$dir/node_modules" ] && return 0
  if ! command -v npm >/dev/null; then
    log "npm (Node.js 20) not found: the MCP conformance test will fail until 'npm ci' has run in tests/conformance"
    return 0
  fi
  log "installing the MCP conformance suite (npm ci in tests/conformance)"
  if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null); then
    # No half-installed folder that the guard above would take for an installed one; the test says what is missing.
    rm -rf "$dir/node_modules"
    log "npm ci failed in tests/conformance: the MCP conformance test will fail"
  fi
}
