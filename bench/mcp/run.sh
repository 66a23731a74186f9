#!/usr/bin/env bash
# MCP gateway benchmark: one tools/call (GET /pets/{id} on a local Kestrel upstream) measured three ways on
# 127.0.0.1 with wrk, same threads, connections and duration for each:
#   direct    wrk -> upstream (plain GET /pets/1): what the machine can do at all
#   coworker  wrk -> Gateway /mcp -> silo (auth, grants, published version, rate limits, SSRF guard, audit) -> upstream
#   peer      wrk -> mcp-proxy (streamable HTTP) -> openapi-mcp-server (stdio) -> upstream
# Prints one markdown table (requests/s, p50, p99, bad responses, CPU seconds, peak memory) and writes it to
# bench/results/mcp-<date>.md. Everything it starts is stopped on exit.
#
# Settings (environment): BENCH_DURATION (s, default 20), BENCH_WARMUP (s, 15: the JIT keeps re-compiling hot methods for several seconds under load), BENCH_THREADS (2),
# BENCH_CONNECTIONS (32), BENCH_UPSTREAM_PORT (5190), BENCH_PEER_PORT (5191), BENCH_GATEWAY_PORT (5180),
# BENCH_SILO_HTTP_PORT (5170), BENCH_SILO_PORT (11211), BENCH_SILO_GATEWAY_PORT (30100), BENCH_DATABASE
# (coworker_bench; dropped and created afresh each run), BENCH_SKIP_BUILD=1 (reuse the Release builds),
# BENCH_TARGETS (which rows to measure, default "direct coworker peer"; the report's ratios need all three),
# BENCH_PROFILE=1 (also time single calls hop by hop with curl, see docs/benchmarks.md), BENCH_HOLD=<s> (keep
# everything running that long after the report, for poking at by hand; settings in the run folder's env.sh).
# PostgreSQL and NATS come from scripts/lib.sh (the project-local servers under .data/, started if not running);
# the bench uses its own database and its own Orleans cluster/service id, so a running dev platform is untouched
# (its numbers are, though: run the bench on an otherwise idle machine).
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$BENCH_DIR/../../scripts/lib.sh" # ROOT, DATA, PG_BIN, PG_PORT, log, apt_install, start_/stop_ postgres and nats

DURATION="${BENCH_DURATION:-20}"
WARMUP="${BENCH_WARMUP:-15}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
UPSTREAM_PORT="${BENCH_UPSTREAM_PORT:-5190}"
PEER_PORT="${BENCH_PEER_PORT:-5191}"
GATEWAY_PORT="${BENCH_GATEWAY_PORT:-5180}"
SILO_HTTP_PORT="${BENCH_SILO_HTTP_PORT:-5170}"
SILO_PORT="${BENCH_SILO_PORT:-11211}"
SILO_GATEWAY_PORT="${BENCH_SILO_GATEWAY_PORT:-30100}"
BENCH_DB="${BENCH_DATABASE:-coworker_bench}"
TARGETS="${BENCH_TARGETS:-direct coworker peer}"
UPSTREAM="http://127.0.0.1:$UPSTREAM_PORT"
GATEWAY="http://127.0.0.1:$GATEWAY_PORT"
PEER="http://127.0.0.1:$PEER_PORT"
STAMP="$(date -u +%Y-%m-%d)"
RESULTS="$ROOT/bench/results"
RUN_DIR="$RESULTS/mcp-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN_DIR"
log "logs and raw output: $RUN_DIR"

# ---------------------------------------------------------------------------------------------- prerequisites
install_prerequisites
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v jq >/dev/null || missing+=(jq)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then log "installing: ${missing[*]}"; apt_install "${missing[@]}"; fi
GIVEN_POSTGRES="${ConnectionStrings__Postgres:-}"
start_postgres
start_nats

# The bench's own database, created afresh so every run starts from the same state. A connection string given in
# the environment is used as it is (it must name a database the bench may fill).
if [ -z "$GIVEN_POSTGRES" ]; then
  PGOPTIONS="-c client_min_messages=warning" pg_user_run "$PG_BIN/psql" -q -h "$PG_DIR" -p "$PG_PORT" -U coworker -d postgres -v ON_ERROR_STOP=1 \
    -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" -c "CREATE DATABASE $BENCH_DB" >/dev/null
  ConnectionStrings__Postgres="${ConnectionStrings__Postgres%Database=coworker}Database=$BENCH_DB"
fi
export ConnectionStrings__Postgres ConnectionStrings__Nats
export Orleans__ClusterId=coworker-bench Orleans__ServiceId=coworker-bench
export COWORKER_ADMIN_KEY="cwa_admin_$(head -c 32 /dev/urandom | base64 | tr -d '=+/' | cut -c1-43)"
export COWORKER_MASTER_KEY="$(head -c 32 /dev/urandom | base64)"
ADMIN="$COWORKER_ADMIN_KEY"

# ---------------------------------------------------------------------------------------------- processes
pids=()
cleanup() {
  local code=$?
  trap - EXIT INT TERM
  log "stopping"
  local all=()
  for pid in "${pids[@]}"; do all+=($(descendants "$pid") "$pid"); done
  for pid in "${all[@]}"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 50); do
    local alive=0
    for pid in "${all[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "${all[@]}"; do kill -9 "$pid" 2>/dev/null || true; rm -f "/tmp/perf-$pid.map" "/tmp/perfinfo-$pid.map"; done
  # The processes started here only: a bare `wait` also waits for a nats-server start_nats left in the background.
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  stop_nats
  stop_postgres
  exit "$code"
}
trap cleanup EXIT INT TERM

descendants() { # pid -> every descendant pid (children first level, then theirs)
  local kids; kids="$(ps -o pid= --ppid "$1" 2>/dev/null || true)"
  for kid in $kids; do echo "$kid"; descendants "$kid"; done
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$UPSTREAM_PORT" "$PEER_PORT" "$GATEWAY_PORT" "$SILO_HTTP_PORT" "$SILO_PORT" "$SILO_GATEWAY_PORT"; do
  port_free "$port" || { log "port $port is in use; stop what uses it or choose other BENCH_*_PORT settings"; exit 1; }
done

wait_http() { # name url [tries]
  for _ in $(seq 1 "${3:-240}"); do
    curl -fsS -o /dev/null "$2" 2>/dev/null && return 0
    sleep 0.5
  done
  log "$1 did not answer at $2; see $RUN_DIR/$1.log"; tail -30 "$RUN_DIR/$1.log" >&2; exit 1
}

# ---------------------------------------------------------------------------------------------- build
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "building Release (Silo, Gateway, CLI, bench upstream)"
  for project in Silo/Silo.csproj Gateway/Gateway.csproj Cli/Cli.csproj bench/mcp/Upstream/Coworker.Bench.Upstream.csproj; do
    dotnet build "$ROOT/$project" -c Release -nologo -clp:ErrorsOnly >>"$RUN_DIR/build.log" 2>&1 \
      || { tail -40 "$RUN_DIR/build.log"; exit 1; }
  done
fi

log "installing the peer (mcp-proxy, openapi-mcp-server) with npm"
(cd "$BENCH_DIR/peer" && npm ci --no-audit --no-fund --loglevel=error >"$RUN_DIR/npm.log" 2>&1) \
  || { tail -20 "$RUN_DIR/npm.log"; exit 1; }
PEER_PROXY_VERSION="$(jq -r .version "$BENCH_DIR/peer/node_modules/mcp-proxy/package.json")"
PEER_SERVER_VERSION="$(jq -r .version "$BENCH_DIR/peer/node_modules/@ivotoby/openapi-mcp-server/package.json")"

# The description with this run's upstream as its server.
SPEC="$RUN_DIR/petstore.openapi.json"
jq --arg url "$UPSTREAM" '.servers = [{url: $url}]' "$BENCH_DIR/petstore.openapi.json" >"$SPEC"

# ---------------------------------------------------------------------------------------------- start
log "starting the upstream on $UPSTREAM"
(cd "$BENCH_DIR/Upstream/bin/Release/net10.0" && exec dotnet Coworker.Bench.Upstream.dll --urls "$UPSTREAM") >"$RUN_DIR/upstream.log" 2>&1 &
UPSTREAM_PID=$!; pids+=("$UPSTREAM_PID")

log "migrating database $BENCH_DB"
dotnet "$ROOT/Cli/bin/Release/net10.0/coworker.dll" migrate >"$RUN_DIR/migrate.log" 2>&1 || { cat "$RUN_DIR/migrate.log"; exit 1; }

log "starting the silo (health $SILO_HTTP_PORT, silo $SILO_PORT, gateway $SILO_GATEWAY_PORT)"
# With BENCH_PROFILE=1 the runtime writes /tmp/perf-<pid>.map so that perf can name JIT-compiled methods (W^X off:
# with it, JIT code runs from a double-mapped memfd the map's addresses do not describe).
[ "${BENCH_PROFILE:-0}" = 1 ] && export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
(cd "$ROOT/Silo/bin/Release/net10.0" && Urls="http://127.0.0.1:$SILO_HTTP_PORT" Orleans__SiloPort="$SILO_PORT" \
  Orleans__GatewayPort="$SILO_GATEWAY_PORT" exec dotnet Coworker.Silo.dll) >"$RUN_DIR/silo.log" 2>&1 &
SILO_PID=$!; pids+=("$SILO_PID")
wait_http upstream "$UPSTREAM/health"
wait_http silo "http://127.0.0.1:$SILO_HTTP_PORT/health/live"

log "starting the Gateway on $GATEWAY"
(cd "$ROOT/Gateway/bin/Release/net10.0" && Urls="$GATEWAY" ConnectionStrings__Nats="$NATS_GATEWAY_URL" exec dotnet Coworker.Gateway.dll) >"$RUN_DIR/gateway.log" 2>&1 &
GATEWAY_PID=$!; pids+=("$GATEWAY_PID")
unset DOTNET_PerfMapEnabled DOTNET_EnableWriteXorExecute
wait_http gateway "$GATEWAY/health/live"

log "starting the peer on $PEER (mcp-proxy $PEER_PROXY_VERSION -> openapi-mcp-server $PEER_SERVER_VERSION over stdio)"
(cd "$BENCH_DIR/peer" && exec node node_modules/mcp-proxy/dist/bin/mcp-proxy.mjs --host 127.0.0.1 --port "$PEER_PORT" --server stream \
  -- node node_modules/@ivotoby/openapi-mcp-server/bin/mcp-server.js --api-base-url "$UPSTREAM" --openapi-spec "$SPEC" --verbose false) \
  >"$RUN_DIR/peer.log" 2>&1 &
PEER_PID=$!; pids+=("$PEER_PID")

# ---------------------------------------------------------------------------------------------- Coworker set-up
api() { # method path [json] -> body on stdout; fails on a non-2xx answer
  local out="$RUN_DIR/api.json" code
  code=$(curl -sS -o "$out" -w '%{http_code}' -X "$1" "$GATEWAY$2" -H "Authorization: Bearer $ADMIN" \
    ${3:+-H 'Content-Type: application/json' -d "$3"})
  case "$code" in 2*) cat "$out";; *) log "$1 $2 answered $code: $(head -c 600 "$out")"; return 1;; esac
}

log "setting up tenant 'bench' through the REST API"
for _ in $(seq 1 60); do api POST /api/v1/tenants '{"id":"bench","displayName":"Bench","owner":"bench@example.com"}' >/dev/null 2>&1 && break; sleep 1; done
api GET /api/v1/tenants/bench >/dev/null
api PATCH /api/v1/tenants/bench '{"networkAllowlist":["127.0.0.1"]}' >/dev/null
# The highest limits the platform accepts (tenant: 10M/min, burst 1M; agent: 1M/min, burst 100k; call quotas 1e9 a day)
# - far above what one machine serves in a run, so the rate limiters and quotas run on every call but never refuse one.
api PATCH /api/v1/tenants/bench '{"quotas":{"maxAgents":100,"maxUsers":50,"toolCalls":{"perMinute":10000000,"burst":1000000},"callQuota":{"perDay":1000000000}}}' >/dev/null
job=$(curl -fsS -X POST "$GATEWAY/api/v1/tenants/bench/imports" -H "Authorization: Bearer $ADMIN" \
  -F "file=@$SPEC;type=application/json" -F sourceId=petstore | jq -r .id)
status=""
for _ in $(seq 1 120); do
  status=$(api GET "/api/v1/tenants/bench/imports/$job" | jq -r .status)
  case "$status" in Succeeded|Failed) break;; esac
  sleep 0.5
done
[ "$status" = Succeeded ] || { log "import $job ended $status: $(api GET "/api/v1/tenants/bench/imports/$job")"; exit 1; }
TOOL=$(api GET "/api/v1/tenants/bench/tools?source=petstore" | jq -r '.items[0].name')
[ -n "$TOOL" ] && [ "$TOOL" != null ] || { log "the import made no tool"; exit 1; }
api POST "/api/v1/tenants/bench/tools/$TOOL/publish" >/dev/null
api PUT /api/v1/tenants/bench/roles/bench-caller/tools "{\"tools\":[\"$TOOL\"]}" >/dev/null
api POST /api/v1/tenants/bench/agents \
  '{"id":"bench","name":"bench","roles":["bench-caller"],"rateLimit":{"perMinute":1000000,"burst":100000},"callQuota":{"perDay":1000000000}}' >/dev/null
api POST /api/v1/tenants/bench/agents/bench/start >/dev/null
AGENT_KEY=$(api POST /api/v1/tenants/bench/agents/bench/keys '{"name":"bench"}' | jq -r .key)
log "Coworker tool: $TOOL"

# ---------------------------------------------------------------------------------------------- MCP probing
# One tools/call by hand to learn what each server needs: a stateless 2026-07-28 request (the _meta envelope,
# no initialize) first; when that is refused, initialize once and reuse the session.
mcp_post() { # url body [extra curl args...] -> response body (SSE or JSON) on stdout, headers to $RUN_DIR/headers
  local url="$1" body="$2"; shift 2
  curl -sS -D "$RUN_DIR/headers" -X POST "$url" -H 'Content-Type: application/json' \
    -H 'Accept: application/json, text/event-stream' "$@" -d "$body"
}
meta='"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientInfo":{"name":"bench","version":"1"},"io.modelcontextprotocol/clientCapabilities":{}}'
call_ok() { grep -q '"result"' <<<"$1" && ! grep -Eq '"isError": ?true|"error" ?:' <<<"$1"; }

probe() { # name url tool auth -> sets PROTOCOL and SESSION
  local name="$1" url="$2" tool="$3" auth=(); [ -n "$4" ] && auth=(-H "Authorization: Bearer $4")
  local answer
  answer=$(mcp_post "$url" "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"$tool\",\"arguments\":{\"id\":1},$meta}}" \
    "${auth[@]}" -H 'MCP-Protocol-Version: 2026-07-28' -H 'Mcp-Method: tools/call' -H "Mcp-Name: $tool")
  echo "$answer" >"$RUN_DIR/probe-$name-stateless.txt"
  if call_ok "$answer"; then PROTOCOL=2026-07-28; SESSION=""; return 0; fi
  log "$name: a stateless 2026-07-28 tools/call did not succeed ($(head -c 300 <<<"$answer")); using a session"
  answer=$(mcp_post "$url" '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}' "${auth[@]}")
  SESSION=$(grep -i '^mcp-session-id:' "$RUN_DIR/headers" | cut -d' ' -f2 | tr -d '\r')
  [ -n "$SESSION" ] || { log "$name: initialize gave no session: $answer"; exit 1; }
  PROTOCOL=2025-11-25
  mcp_post "$url" '{"jsonrpc":"2.0","method":"notifications/initialized"}' "${auth[@]}" -H "Mcp-Session-Id: $SESSION" \
    -H "MCP-Protocol-Version: $PROTOCOL" >/dev/null
  answer=$(mcp_post "$url" "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"$tool\",\"arguments\":{\"id\":1}}}" \
    "${auth[@]}" -H "Mcp-Session-Id: $SESSION" -H "MCP-Protocol-Version: $PROTOCOL")
  echo "$answer" >"$RUN_DIR/probe-$name-session.txt"
  call_ok "$answer" || { log "$name: tools/call failed in a session too: $answer"; exit 1; }
}

probe coworker "$GATEWAY/mcp" "$TOOL" "$AGENT_KEY"
COWORKER_PROTOCOL=$PROTOCOL; COWORKER_SESSION=$SESSION

# The peer names its tools itself: ask it (2026-07-28 stateless tools/list, or a session's).
wait_http peer "$PEER/ping" 120 || true
peer_list=$(mcp_post "$PEER/mcp" "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{$meta}}" \
  -H 'MCP-Protocol-Version: 2026-07-28' -H 'Mcp-Method: tools/list')
echo "$peer_list" >"$RUN_DIR/peer-tools.txt"
PEER_TOOL=$(sed -n 's/^data: //p' <<<"$peer_list" | jq -r '.result.tools[0].name' 2>/dev/null || true)
[ -n "$PEER_TOOL" ] && [ "$PEER_TOOL" != null ] || PEER_TOOL=$(jq -r '.result.tools[0].name' <<<"$peer_list" 2>/dev/null || true)
[ -n "$PEER_TOOL" ] && [ "$PEER_TOOL" != null ] || { log "could not list the peer's tools: $(head -c 400 <<<"$peer_list")"; exit 1; }
probe peer "$PEER/mcp" "$PEER_TOOL" ""
PEER_PROTOCOL=$PROTOCOL; PEER_SESSION=$SESSION
log "coworker: protocol $COWORKER_PROTOCOL${COWORKER_SESSION:+ (session)}; peer: tool $PEER_TOOL, protocol $PEER_PROTOCOL${PEER_SESSION:+ (session)}"

# ---------------------------------------------------------------------------------------------- measuring
CLK_TCK=$(getconf CLK_TCK)
cpu_ticks() { # pids... -> utime+stime in clock ticks, summed (a process that has exited counts 0)
  local pid total=0 ticks
  for pid in "$@"; do
    ticks=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat" 2>/dev/null || echo 0)
    total=$((total + ${ticks:-0}))
  done
  echo "$total"
}
machine_busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
children_ticks() { awk '{ sub(/^.*\) /, ""); print $14 + $15 }' "/proc/$$/stat"; } # reaped children (wrk) of this shell
load1() { cut -d' ' -f1 /proc/loadavg; }
ctx_switches() { # pids... -> voluntary + involuntary context switches of all their threads
  local pid total=0 n
  for pid in "$@"; do
    n=$( (cat /proc/"$pid"/task/*/status 2>/dev/null || true) | awk '/ctxt_switches/ { s += $2 } END { print s + 0 }')
    total=$((total + n))
  done
  echo "$total"
}
log_lines() { wc -l <"$RUN_DIR/$1.log"; }
# The machine is shared (builds, tests): wait, up to BENCH_IDLE_WAIT seconds, for the 1-minute load average to fall
# under BENCH_MAX_LOAD before each measurement. The report gives the load and the CPU other processes used.
wait_idle() {
  local waited=0 max="${BENCH_IDLE_WAIT:-300}"
  while awk -v l="$(load1)" -v m="${BENCH_MAX_LOAD:-1.5}" 'BEGIN { exit !(l > m) }' && [ "$waited" -lt "$max" ]; do
    [ "$waited" = 0 ] && log "load average $(load1) > ${BENCH_MAX_LOAD:-1.5}: waiting up to ${max}s for the machine to be idle"
    sleep 5; waited=$((waited + 5))
  done
}
hwm_kib() { # pids... -> VmHWM summed
  local total=0 pid kb
  for pid in "$@"; do
    kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    total=$((total + ${kb:-0}))
  done
  echo "$total"
}
# PostgreSQL and NATS serve Coworker only (the audit log, grain state): their CPU is reported beside it.
infra_pids() {
  local pm; pm=$(head -1 "$PG_DIR/postmaster.pid" 2>/dev/null || true)
  [ -n "$pm" ] && { echo "$pm"; descendants "$pm"; }
  [ -f "$DATA/nats/nats.pid" ] && cat "$DATA/nats/nats.pid"
  ps -o pid= -C nats-server 2>/dev/null | head -1
}

declare -A R
run_wrk() { # name url pids-var kind path tool protocol session auth
  local name="$1" url="$2" procs="$3"
  export BENCH_KIND="$4" BENCH_PATH="$5" BENCH_TOOL="$6" BENCH_PROTOCOL="$7" BENCH_SESSION="$8" BENCH_AUTH="$9"
  wait_idle
  log "$name: warm-up ${WARMUP}s"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$BENCH_DIR/mcp-call.lua" "$url" >"$RUN_DIR/wrk-$name-warmup.txt" 2>&1
  local pids_now infra pid; pids_now=$(eval "$procs"); infra=$(infra_pids | sort -u)
  for pid in $pids_now; do
    kill -0 "$pid" 2>/dev/null || { log "$name: process $pid has exited (see the logs in $RUN_DIR; on a shared machine, was it killed from outside?)"; exit 1; }
  done
  declare -A each_before=() infra_each=()
  for pid in $pids_now; do each_before[$pid]=$(cpu_ticks "$pid"); done
  R[$name.load]=$(load1)
  local before infra_before busy_before wrk_before
  local ctx_before gw_lines silo_lines
  ctx_before=$(ctx_switches $pids_now); gw_lines=$(log_lines gateway); silo_lines=$(log_lines silo)
  busy_before=$(machine_busy_ticks); wrk_before=$(children_ticks); before=$(cpu_ticks $pids_now)
  for pid in $infra; do infra_each[$pid]=$(cpu_ticks "$pid"); done
  log "$name: measuring ${DURATION}s (-t$THREADS -c$CONNECTIONS)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$BENCH_DIR/mcp-call.lua" "$url" >"$RUN_DIR/wrk-$name.txt" 2>&1
  local after busy_after wrk_after
  pids_now=$(eval "$procs"); after=$(cpu_ticks $pids_now)
  # PostgreSQL backends come and go: count only the processes alive at both ends.
  local infra_delta=0 now
  for pid in $infra; do
    [ -r "/proc/$pid/stat" ] || continue
    now=$(cpu_ticks "$pid"); infra_delta=$((infra_delta + now - infra_each[$pid]))
  done
  # Per process, for the note under the table (silo vs Gateway).
  local split=""
  for pid in $pids_now; do
    [ -n "${each_before[$pid]:-}" ] || continue
    split+="$(tr -d '\0' <"/proc/$pid/cmdline" 2>/dev/null | grep -oE 'Coworker\.(Silo|Gateway)|mcp-proxy|mcp-server|Upstream' | head -1 || echo "$pid") "
    split+="$(awk -v t=$(( $(cpu_ticks "$pid") - each_before[$pid] )) -v hz="$CLK_TCK" 'BEGIN { printf "%.1f", t / hz }') s, "
  done
  R[$name.split]="${split%, }"
  busy_after=$(machine_busy_ticks); wrk_after=$(children_ticks)
  local ctx_after; ctx_after=$(ctx_switches $pids_now)
  local other=$(( (busy_after - busy_before) - (after - before) - infra_delta - (wrk_after - wrk_before) ))
  R[$name.wrk]=$(awk -v t=$((wrk_after - wrk_before)) -v hz="$CLK_TCK" 'BEGIN { printf "%.1f", t / hz }')
  R[$name.other]=$(awk -v t="$other" -v hz="$CLK_TCK" 'BEGIN { printf "%.1f", (t < 0 ? 0 : t) / hz }')
  local line; line=$(grep '^BENCH requests=' "$RUN_DIR/wrk-$name.txt") || { cat "$RUN_DIR/wrk-$name.txt"; exit 1; }
  local req dur bad p50 p99
  req=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$line"); dur=$(sed -E 's/.*duration_us=([0-9]+).*/\1/' <<<"$line")
  bad=$(sed -E 's/.*bad=([0-9]+).*/\1/' <<<"$line")
  p50=$(grep '^BENCH p50_us=' "$RUN_DIR/wrk-$name.txt" | sed -E 's/.*p50_us=([0-9]+).*/\1/')
  p99=$(grep '^BENCH p50_us=' "$RUN_DIR/wrk-$name.txt" | sed -E 's/.*p99_us=([0-9]+).*/\1/')
  R[$name.rps]=$(awk -v r="$req" -v d="$dur" 'BEGIN { printf "%.0f", r / (d / 1e6) }')
  R[$name.p50]=$(awk -v v="$p50" 'BEGIN { printf "%.2f", v / 1000 }')
  R[$name.p99]=$(awk -v v="$p99" 'BEGIN { printf "%.2f", v / 1000 }')
  R[$name.requests]=$req
  R[$name.bad]=$bad
  R[$name.cpu]=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" 'BEGIN { printf "%.1f", t / hz }')
  R[$name.cpu_per_1k]=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v r="$req" 'BEGIN { printf "%.1f", (r > 0 ? t / hz * 1e6 / r : 0) }')
  R[$name.infra]=$(awk -v t="$infra_delta" -v hz="$CLK_TCK" 'BEGIN { printf "%.1f", t / hz }')
  R[$name.mem]=$(awk -v k="$(hwm_kib $pids_now)" 'BEGIN { printf "%.0f", k / 1024 }')
  R[$name.ctx]=$(awk -v c=$((ctx_after - ctx_before)) -v r="$req" 'BEGIN { printf "%.1f", (r > 0 ? c / r : 0) }')
  R[$name.loglines_gateway]=$(awk -v c=$(( $(log_lines gateway) - gw_lines )) -v r="$req" 'BEGIN { printf "%.1f", (r > 0 ? c / r : 0) }')
  R[$name.loglines_silo]=$(awk -v c=$(( $(log_lines silo) - silo_lines )) -v r="$req" 'BEGIN { printf "%.1f", (r > 0 ? c / r : 0) }')
  grep -q '^BENCH sample_bad=' "$RUN_DIR/wrk-$name.txt" && log "$name: first bad response: $(grep '^BENCH sample_bad=' "$RUN_DIR/wrk-$name.txt" | head -c 400)"
  log "$name: ${R[$name.rps]} req/s, p50 ${R[$name.p50]} ms, p99 ${R[$name.p99]} ms, ${R[$name.bad]} bad of $req"
}

measured() { [[ " $TARGETS " == *" $1 "* ]]; }
measure() { # like run_wrk, for the targets BENCH_TARGETS names
  if measured "$1"; then run_wrk "$@"; else log "$1: not measured (BENCH_TARGETS=$TARGETS)"; for f in rps p50 p99 bad requests split; do R[$1.$f]=0; done; fi
}
measure direct "$UPSTREAM" 'echo $UPSTREAM_PID' get /pets/1 "" "" "" ""
measure coworker "$GATEWAY" 'echo $SILO_PID $GATEWAY_PID' mcp /mcp "$TOOL" "$COWORKER_PROTOCOL" "$COWORKER_SESSION" "$AGENT_KEY"
measure peer "$PEER" 'echo $PEER_PID $(descendants $PEER_PID)' mcp /mcp "$PEER_TOOL" "$PEER_PROTOCOL" "$PEER_SESSION" ""

# ---------------------------------------------------------------------------------------------- profile (optional)
if [ "${BENCH_PROFILE:-0}" = 1 ]; then
  source "$BENCH_DIR/profile.sh"
fi

# ---------------------------------------------------------------------------------------------- report
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) print "n/a"; else if (a / b >= 0.1) printf "%.2f", a / b; else printf "%.4f (1/%.0f)", a / b, b / a }'; }
cpu_model=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
dotnet_version=$(dotnet --version)
node_version=$(node --version)
wrk_version=$( (wrk -v 2>&1 || true) | awk 'NR == 1 {print $2}')
REPORT="$RESULTS/mcp-$STAMP.md"
{
  echo "### MCP tools/call, $STAMP"
  echo
  echo "wrk -t$THREADS -c$CONNECTIONS, ${DURATION} s after a ${WARMUP} s warm-up, everything on 127.0.0.1 of one machine"
  echo "($(nproc) cores, $cpu_model). Tool: GET /pets/{id} on a Kestrel upstream; Coworker with every governance step on"
  echo "(agent key, role grant, published version, agent + tenant rate limits and call quotas, SSRF guard with allowlist, audit to JetStream)."
  echo
  echo "| target | requests/s | p50 ms | p99 ms | bad / requests | CPU s | CPU ms per 1k calls | context switches per call | peak RSS MiB | PG+NATS CPU s | wrk CPU s | others' CPU s | load before |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for n in direct coworker peer; do
    measured "$n" || continue
    case $n in
      direct) label="direct (GET upstream)";;
      coworker) label="Coworker /mcp ($COWORKER_PROTOCOL${COWORKER_SESSION:+, session})";;
      peer) label="peer: mcp-proxy + openapi-mcp-server ($PEER_PROTOCOL${PEER_SESSION:+, session})";;
    esac
    printf '| %s | %s | %s | %s | %s / %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$label" "${R[$n.rps]}" "${R[$n.p50]}" "${R[$n.p99]}" \
      "${R[$n.bad]}" "${R[$n.requests]}" "${R[$n.cpu]}" "${R[$n.cpu_per_1k]}" "${R[$n.ctx]}" "${R[$n.mem]}" "${R[$n.infra]}" "${R[$n.wrk]}" "${R[$n.other]}" "${R[$n.load]}"
  done
  echo
  echo "- Coworker / direct requests/s: **$(ratio "${R[coworker.rps]}" "${R[direct.rps]}")**"
  echo "- Coworker / peer requests/s: **$(ratio "${R[coworker.rps]}" "${R[peer.rps]}")** (target ≥ 5)"
  p99_vs=$(awk -v a="${R[coworker.p99]}" -v b="${R[peer.p50]}" 'BEGIN { print (a < b ? "below" : "not below") }')
  echo "- Coworker p99 ${R[coworker.p99]} ms vs peer p50 ${R[peer.p50]} ms: **$p99_vs** (target: below)"
  echo "- bad responses (non-2xx, JSON-RPC errors, isError results, socket errors): direct ${R[direct.bad]}, Coworker ${R[coworker.bad]}, peer ${R[peer.bad]} (target: 0)"
  echo "- CPU s counts the serving processes only (utime + stime over the measured ${DURATION} s; $(nproc) cores = $((2 * DURATION)) CPU s):"
  echo "  direct = upstream; Coworker = silo + Gateway; peer = mcp-proxy + openapi-mcp-server. The upstream's own CPU is"
  echo "  in none of the other rows. PG+NATS is PostgreSQL and nats-server (Coworker's grain state and audit log);"
  echo "  others' CPU is what the rest of the machine used meanwhile (anything above ~0 means the run was disturbed)."
  echo "  Context switches (voluntary + involuntary, all threads of the serving processes) per call: a hand-over between"
  echo "  threads or processes costs a wake-up, and on $(nproc) cores those wake-ups are much of the CPU time."
  echo "  Peak RSS is VmHWM summed over the serving processes, over their whole life (set-up included)."
  echo "  CPU by process: Coworker ${R[coworker.split]}; peer ${R[peer.split]}."
  overrides=$(env | grep -E '^(Logging__|DOTNET_|Coworker__|Orleans__)' | grep -vE '^Orleans__(ClusterId|ServiceId)=|^DOTNET_(CLI_|NOLOGO|GENERATE_ASPNET|SKIP_FIRST|ROOT)' | sort | tr '\n' ' ' || true)
  [ -n "$overrides" ] && echo "- Settings given in the environment (not the defaults): \`${overrides% }\`"
  [ "${BENCH_PROFILE:-0}" = 1 ] && echo "- Profile mode: the silo and the Gateway ran with DOTNET_PerfMapEnabled=1 and DOTNET_EnableWriteXorExecute=0."
  echo "- Versions: .NET SDK $dotnet_version, Node $node_version, wrk $wrk_version, mcp-proxy $PEER_PROXY_VERSION,"
  echo "  @ivotoby/openapi-mcp-server $PEER_SERVER_VERSION; Coworker $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "(not a git checkout)")$(git -C "$ROOT" diff --quiet HEAD -- Gateway Grains Grains.Abstractions Silo ServiceDefaults Storage 2>/dev/null || echo ' (with uncommitted changes)')."
} >"$REPORT"
cp "$REPORT" "$RUN_DIR/report.md"
echo
cat "$REPORT"
echo
log "written to $REPORT (raw wrk output and logs in $RUN_DIR)"

if [ "${BENCH_HOLD:-0}" -gt 0 ]; then # keep everything running a while for poking at by hand
  cat >"$RUN_DIR/env.sh" <<ENV
GATEWAY=$GATEWAY PEER=$PEER UPSTREAM=$UPSTREAM TOOL=$TOOL PEER_TOOL=$PEER_TOOL AGENT_KEY=$AGENT_KEY ADMIN=$ADMIN
SILO_PID=$SILO_PID GATEWAY_PID=$GATEWAY_PID PEER_PID=$PEER_PID UPSTREAM_PID=$UPSTREAM_PID
ENV
  log "holding for ${BENCH_HOLD}s; settings in $RUN_DIR/env.sh"
  sleep "$BENCH_HOLD" & pids+=($!); wait $! # wait, unlike a foreground sleep, lets the trap run at once
fi
