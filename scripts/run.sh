#!/usr/bin/env bash
# Sets everything up and runs the platform locally: PostgreSQL (+pgvector) and NATS JetStream under .data/
# (unless ConnectionStrings__Postgres / ConnectionStrings__Nats are given), the schema migration, a silo,
# the Gateway and Studio; seeds a demo tenant and prints the URLs and keys. Ctrl-C (or SIGTERM) stops
# everything. Running it again keeps the data (and the keys it printed the first time).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Ctrl-C, SIGTERM (a service manager) or a failed step stops the apps, then the PostgreSQL and NATS started here.
stop_all_on_exit
install_prerequisites
start_postgres
start_nats
export ConnectionStrings__Postgres ConnectionStrings__Nats

GATEWAY_URL="${COWORKER_GATEWAY_URL:-http://127.0.0.1:5080}"
STUDIO_URL="${COWORKER_STUDIO_URL:-http://127.0.0.1:5090}"
SILO_URL="${COWORKER_SILO_URL:-http://127.0.0.1:5070}"
mkdir -p "$DATA/logs"

# The admin key is generated once and kept in .data/ (git-ignored) so that later runs can seed and print it.
if [ ! -s "$DATA/admin-key" ]; then
  echo "cwa_admin_$(head -c 32 /dev/urandom | base64 | tr -d '=+/' | cut -c1-43)" > "$DATA/admin-key"
  chmod 600 "$DATA/admin-key"
fi
export COWORKER_ADMIN_KEY="$(cat "$DATA/admin-key")"

# The master key (encrypts service secrets and OAuth credentials) is created once, like the admin key;
# losing .data/master-key makes the stored secrets unreadable.
if [ ! -s "$DATA/master-key" ]; then
  (umask 077 && head -c 32 /dev/urandom | base64 > "$DATA/master-key")
fi
export COWORKER_MASTER_KEY="$(cat "$DATA/master-key")"

log "building"
dotnet build "$ROOT/Coworker.Orleans.sln" -c Release -nologo -clp:ErrorsOnly >"$DATA/logs/build.log" 2>&1 || { tail -40 "$DATA/logs/build.log"; exit 1; }

log "migrating the database"
dotnet "$ROOT/Cli/bin/Release/net10.0/coworker.dll" migrate

start_app() { # name dll url [env arguments: NAME=value, -u NAME]
  log "starting $1 on $3"
  local name="$1" dll="$2" url="$3"; shift 3
  # Each app runs from its output folder, its content root (appsettings.json, wwwroot).
  (cd "$(dirname "$dll")" && exec env "$@" Urls="$url" dotnet "$dll") >"$DATA/logs/$name.log" 2>&1 &
  APP_PIDS+=($!)
}
wait_healthy() { # name url
  for _ in $(seq 1 120); do
    curl -fsS "$2/health/live" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  log "$1 did not become healthy; see $DATA/logs/$1.log"; tail -30 "$DATA/logs/$1.log"; exit 1
}

start_app silo "$ROOT/Silo/bin/Release/net10.0/Coworker.Silo.dll" "$SILO_URL"
wait_healthy silo "$SILO_URL"
# The Gateway connects to NATS as its own user, who may only subscribe to lifecycle events (deploy/nats.conf).
start_app gateway "$ROOT/Gateway/bin/Release/net10.0/Coworker.Gateway.dll" "$GATEWAY_URL" ConnectionStrings__Nats="$NATS_GATEWAY_URL"
start_app studio "$ROOT/Studio/bin/Release/net10.0/Coworker.Studio.dll" "$STUDIO_URL" -u ConnectionStrings__Nats
wait_healthy gateway "$GATEWAY_URL"
wait_healthy studio "$STUDIO_URL"

bash "$ROOT/scripts/seed-demo.sh" "$GATEWAY_URL" "$COWORKER_ADMIN_KEY" "$DATA/demo-key"

cat <<INFO

  Coworker is running.
    Gateway (REST API, reference at /docs):  $GATEWAY_URL
    Studio:                                  $STUDIO_URL
    Silo health:                             $SILO_URL/health/ready
  Admin key:        $COWORKER_ADMIN_KEY
  Demo tenant key:  $(cat "$DATA/demo-key")   (Owner of tenant 'demo')
  Try:  curl -H "Authorization: Bearer \$(cat .data/demo-key)" $GATEWAY_URL/api/v1/tenants/demo/agents
  Logs: $DATA/logs/   Data: $DATA/   Ctrl-C stops everything.

INFO
wait -n "${APP_PIDS[@]}" || true
log "a process exited; see $DATA/logs/"
