#!/usr/bin/env bash
# Shared set-up for scripts/run.sh and scripts/test.sh.
# Installs what a fresh Debian 12 machine lacks, then starts a project-local PostgreSQL (+pgvector)
# and nats-server -js (a user and password per process, deploy/nats.conf) under .data/ unless connection settings
# are already given in the environment; stop_all stops what was started here (docs/deployment.md).
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

# Runs a command as the postgres OS user when we are root (PostgreSQL refuses to run as root); from / then, as
# postgres may not enter the current directory (a private clone).
pg_user_run() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# Where PostgreSQL keeps its files. As root the server runs as the postgres user, who cannot enter a clone in a
# private directory (/root is mode 700), so the files live under postgres's own /var/lib/postgresql, one folder per
# data directory, and .data/postgres is a symlink to it. A cluster already in .data/postgres (it worked) stays there.
pg_dir() {
  if [ -n "${COWORKER_PG_DIR:-}" ]; then echo "$COWORKER_PG_DIR"; return; fi
  if [ "$(id -u)" != 0 ]; then echo "$DATA/postgres"; return; fi
  if [ -s "$DATA/postgres/PG_VERSION" ] && [ ! -L "$DATA/postgres" ]; then echo "$DATA/postgres"; return; fi
  echo "/var/lib/postgresql/coworker/$(printf '%s' "$DATA" | sha256sum | cut -c1-16)"
}
PG_DIR="$(pg_dir)"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_postgres() {
  if [ -n "${ConnectionStrings__Postgres:-}" ]; then log "using PostgreSQL from ConnectionStrings__Postgres"; return 0; fi
  local dir="$PG_DIR"
  mkdir -p "$DATA"
  if [ ! -s "$dir/PG_VERSION" ]; then
    log "initialising PostgreSQL in $dir"
    mkdir -p "$dir"
    local pw; pw="$(mktemp)"; echo "coworker" > "$pw"
    if [ "$(id -u)" = 0 ]; then
      chown -R postgres:postgres "$dir" "$pw"
      [ "$dir" = "$DATA/postgres" ] || ln -sfn "$dir" "$DATA/postgres"
    fi
    pg_user_run "$PG_BIN/initdb" -D "$dir" -U coworker --pwfile="$pw" --auth-host=scram-sha-256 --auth-local=trust -E UTF8 >/dev/null
    rm -f "$pw"
  fi
  if ! pg_user_run "$PG_BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    if port_in_use "$PG_PORT"; then
      log "port $PG_PORT is taken by another server (another clone's?): set COWORKER_PG_PORT to a free port"; exit 1
    fi
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
  STARTED_POSTGRES=0
  [ -s "$PG_DIR/PG_VERSION" ] && pg_user_run "$PG_BIN/pg_ctl" -D "$PG_DIR" -m fast -w stop >/dev/null 2>&1 || true
}

# NATS with a user per process (deploy/nats.conf has their subject permissions): the passwords are generated once
# into .data/nats/users.env and the server's config .data/nats/nats.conf is written from them at each start (both
# mode 600). start_nats sets NATS_SILO_URL, NATS_GATEWAY_URL and NATS_ADMIN_URL (admin: every subject, for tests
# and inspection) and exports ConnectionStrings__Nats as the silo's. With ConnectionStrings__Nats given in the
# environment, all three are that URL.
start_nats() {
  if [ -n "${ConnectionStrings__Nats:-}" ]; then
    log "using NATS from ConnectionStrings__Nats"
    NATS_SILO_URL="$ConnectionStrings__Nats"; NATS_GATEWAY_URL="$ConnectionStrings__Nats"; NATS_ADMIN_URL="$ConnectionStrings__Nats"
    return 0
  fi
  local dir="$DATA/nats"
  (umask 077 && mkdir -p "$dir")
  if [ ! -s "$dir/users.env" ]; then
    (umask 077 && for user in SILO GATEWAY ADMIN; do
      echo "NATS_${user}_PASSWORD=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    done >"$dir/users.env")
  fi
  # shellcheck disable=SC1091
  local NATS_SILO_PASSWORD NATS_GATEWAY_PASSWORD NATS_ADMIN_PASSWORD; source "$dir/users.env"
  (umask 077 && {
    echo "# Written by scripts/lib.sh from users.env and deploy/nats.conf at every start; edit those instead."
    for user in SILO GATEWAY ADMIN; do local var="NATS_${user}_PASSWORD"; echo "$var: \"${!var}\""; done
    cat "$ROOT/deploy/nats.conf"
  } >"$dir/nats.conf")
  if ! nats_running "$dir"; then
    if port_in_use "$NATS_PORT"; then
      log "port $NATS_PORT is taken by another server (another clone's, or one without credentials): set COWORKER_NATS_PORT to a free port"; exit 1
    fi
    log "starting nats-server -js on 127.0.0.1:$NATS_PORT"
    STARTED_NATS=1
    # In a session of its own: a Ctrl-C in the terminal reaches the apps, and NATS is stopped after them (stop_nats).
    setsid nats-server -c "$dir/nats.conf" -js -a 127.0.0.1 -p "$NATS_PORT" -sd "$dir/jetstream" -P "$dir/nats.pid" \
      >"$dir/server.log" 2>&1 </dev/null &
    for _ in $(seq 1 100); do port_in_use "$NATS_PORT" && break; sleep 0.1; done
    port_in_use "$NATS_PORT" || { log "nats-server did not start; see $dir/server.log"; tail -20 "$dir/server.log" >&2; exit 1; }
  fi
  NATS_SILO_URL="nats://silo:$NATS_SILO_PASSWORD@127.0.0.1:$NATS_PORT"
  NATS_GATEWAY_URL="nats://gateway:$NATS_GATEWAY_PASSWORD@127.0.0.1:$NATS_PORT"
  NATS_ADMIN_URL="nats://admin:$NATS_ADMIN_PASSWORD@127.0.0.1:$NATS_PORT"
  export ConnectionStrings__Nats="$NATS_SILO_URL"
}

# Ours is running: the pid file names a live nats-server started with this data directory's config.
nats_running() { # dir
  local pid; pid="$(cat "$1/nats.pid" 2>/dev/null)" || return 1
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "-c $1/nats.conf"
}

stop_nats() {
  [ "${STARTED_NATS:-0}" = 1 ] || return 0
  STARTED_NATS=0
  local dir="$DATA/nats" pid
  pid="$(cat "$dir/nats.pid" 2>/dev/null)" || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$dir/nats.pid"
}

# The apps a script starts in the background (run.sh: silo, Gateway, Studio); stop_all stops them, then the servers.
APP_PIDS=()

# Stops the apps (gracefully; anything still running after 20 s is killed), then the PostgreSQL and NATS this script
# started. Waits for the apps only: a bare `wait` would also wait for servers started in the background, forever.
stop_all() {
  trap - EXIT INT TERM
  log "stopping"
  local pid alive
  for pid in "${APP_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 40); do
    alive=0; for pid in "${APP_PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break; sleep 0.5
  done
  for pid in "${APP_PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  stop_nats
  stop_postgres
}

# On exit, Ctrl-C or SIGTERM (a service manager's stop), stop everything this script started, and exit.
stop_all_on_exit() {
  trap 'stop_all' EXIT
  trap 'stop_all; exit 130' INT
  trap 'stop_all; exit 143' TERM
}

# What only the tests need: chromium for Studio browser tests, the MCP conformance suite and the Node gRPC client (npm).
install_test_prerequisites() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v python3 >/dev/null || missing+=(python3)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing: ${missing[*]}"
    apt_install "${missing[@]}"
  fi
  install_node_test_packages
}

# @modelcontextprotocol/conformance, pinned by tests/conformance/package-lock.json (docs/mcp-conformance.md), and the
# Node gRPC client of tests/grpc-node (@grpc/grpc-js, @grpc/proto-loader; docs/grpc.md), pinned the same way.
install_node_test_packages() {
  npm_ci_once "$ROOT/tests/conformance" "the MCP conformance suite" "the MCP conformance test"
  npm_ci_once "$ROOT/tests/grpc-node" "the Node gRPC client" "the Node gRPC client test"
}

# npm ci in DIR, only when DIR/node_modules is missing; needs the machine's Node.js 20 and npm.
npm_ci_once() {
  local dir="$1" what="$2" test="$3"
  [ -d "$dir/node_modules" ] && return 0
  if ! command -v npm >/dev/null; then
    log "npm (Node.js 20) not found: $test will fail until 'npm ci' has run in ${dir#"$ROOT"/}"
    return 0
  fi
  log "installing $what (npm ci in ${dir#"$ROOT"/})"
  if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null); then
    # No half-installed folder that the guard above would take for an installed one; the test says what is missing.
    rm -rf "$dir/node_modules"
    log "npm ci failed in ${dir#"$ROOT"/}: $test will fail"
  fi
}
