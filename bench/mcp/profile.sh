# Sourced by bench/mcp/run.sh when BENCH_PROFILE=1, after the measurements, while everything still runs.
# Writes $RUN_DIR/profile.md:
#   1. one caller at a time (wrk -t1 -c1): each target's service time with no queueing;
#   2. the upstream hop as Coworker's silo timed it (audit detail latency_ms of those calls);
#   3. context switches per call by process and thread kind under the benchmark's load;
#   4. perf (cpu-clock samples, JIT frames named through DOTNET_PerfMapEnabled=1, which run.sh sets for the silo
#      and the Gateway in this mode) of the silo and the Gateway under that load: where the CPU is by leaf frame,
#      and the inclusive share of assemblies and of Coworker's (and a few libraries') methods.
PROFILE="$RUN_DIR/profile.md"
PROFILE_SECONDS="${BENCH_PROFILE_SECONDS:-10}"

single_caller() { # name url kind path tool protocol session auth
  export BENCH_KIND="$3" BENCH_PATH="$4" BENCH_TOOL="$5" BENCH_PROTOCOL="$6" BENCH_SESSION="$7" BENCH_AUTH="$8"
  wrk -t1 -c1 -d"${PROFILE_SECONDS}s" --latency -s "$BENCH_DIR/mcp-call.lua" "$2" >"$RUN_DIR/wrk-$1-single.txt" 2>&1
  local line p; line=$(grep '^BENCH requests=' "$RUN_DIR/wrk-$1-single.txt"); p=$(grep '^BENCH p50_us=' "$RUN_DIR/wrk-$1-single.txt")
  awk -v name="$1" -v l="$line" -v p="$p" 'BEGIN {
    n = split(l " " p, f, /[ =]/); for (i = 1; i < n; i++) v[f[i]] = f[i + 1];
    printf "| %s | %.0f | %.2f | %.2f | %.2f | %s |\n", name, v["requests"] / (v["duration_us"] / 1e6),
      v["p50_us"] / 1000, v["p90_us"] / 1000, v["p99_us"] / 1000, v["bad"] }'
}

log "profile: one caller at a time, ${PROFILE_SECONDS}s per target"
audit_from=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
{
  echo "#### One caller at a time (wrk -t1 -c1, ${PROFILE_SECONDS} s)"
  echo
  echo "| target | requests/s | p50 ms | p90 ms | p99 ms | bad |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  single_caller direct "$UPSTREAM" get /pets/1 "" "" "" ""
  single_caller coworker "$GATEWAY" mcp /mcp "$TOOL" "$COWORKER_PROTOCOL" "$COWORKER_SESSION" "$AGENT_KEY"
  audit_to=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
  single_caller peer "$PEER" mcp /mcp "$PEER_TOOL" "$PEER_PROTOCOL" "$PEER_SESSION" ""
  echo
} >"$PROFILE"

# The silo times the upstream hop itself (whole milliseconds) and records it in each call's audit event.
if [ -z "$GIVEN_POSTGRES" ]; then
  sleep 2 # the audit writer batches events for up to 200 ms
  hop=$(pg_user_run "$PG_BIN/psql" -h "$PG_DIR" -p "$PG_PORT" -U coworker -d "$BENCH_DB" -tA -F ', ' -c "
    SELECT count(*),
           percentile_disc(0.5) WITHIN GROUP (ORDER BY (detail->>'latency_ms')::int),
           percentile_disc(0.99) WITHIN GROUP (ORDER BY (detail->>'latency_ms')::int)
    FROM coworker.audit_events
    WHERE kind = 'tool_call' AND at >= '$audit_from' AND at <= '$audit_to'" 2>&1 || true)
  echo "Upstream hop as the silo timed it during the single-caller Coworker run (audit detail latency_ms, whole ms):" \
    "calls, p50 ms, p99 ms = $hop." >>"$PROFILE"
  echo >>"$PROFILE"
fi

if command -v perf >/dev/null; then
  log "profile: perf of the silo and the Gateway under load (-t$THREADS -c$CONNECTIONS, ${PROFILE_SECONDS}s)"
  export BENCH_KIND=mcp BENCH_PATH=/mcp BENCH_TOOL="$TOOL" BENCH_PROTOCOL="$COWORKER_PROTOCOL" BENCH_SESSION="$COWORKER_SESSION" BENCH_AUTH="$AGENT_KEY"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$((PROFILE_SECONDS + 4))s" -s "$BENCH_DIR/mcp-call.lua" "$GATEWAY" >"$RUN_DIR/wrk-coworker-perf.txt" 2>&1 &
  wrk_pid=$!
  sleep 2
  thread_switches() { # -> "process thread-kind switches" per thread of the silo and the Gateway
    local pid name t
    for pid in "$SILO_PID:silo" "$GATEWAY_PID:gateway"; do
      name=${pid#*:}; pid=${pid%%:*}
      for t in /proc/"$pid"/task/*; do
        printf '%s %s %s %s\n' "$name" "$(basename "$t")" "$(tr ' ' '_' <"$t/comm" 2>/dev/null)" \
          "$(awk '/ctxt_switches/ { s += $2 } END { print s + 0 }' "$t/status" 2>/dev/null || echo 0)"
      done
    done
  }
  thread_switches >"$RUN_DIR/switches-before.txt"; window_start=$(date +%s.%N)
  for target in silo:$SILO_PID gateway:$GATEWAY_PID; do
    perf record -F 999 -g -p "${target#*:}" -o "$RUN_DIR/perf-${target%%:*}.data" -- sleep "$((PROFILE_SECONDS / 2))" >/dev/null 2>&1 || true
  done
  thread_switches >"$RUN_DIR/switches-after.txt"; window_end=$(date +%s.%N)
  wait "$wrk_pid" || true
  perf_rps=$(awk '/^BENCH requests=/ { n = split($0, f, /[ =]/); for (i = 1; i < n; i++) v[f[i]] = f[i + 1];
    printf "%.0f", v["requests"] / (v["duration_us"] / 1e6) }' "$RUN_DIR/wrk-coworker-perf.txt")
  {
    echo "#### Context switches per call under load, by process and thread (during the perf window)"
    echo
    echo '```'
    awk -v rps="${perf_rps:-0}" -v secs="$(awk -v a="$window_start" -v b="$window_end" 'BEGIN { print b - a }')" '
      NR == FNR { before[$1 " " $2] = $4; next }
      { d = $4 - before[$1 " " $2]; if (d > 0) by[$1 " " $3] += d }
      END { for (k in by) printf "%8.1f  %s\n", (rps > 0 ? by[k] / (rps * secs) : 0), k }' \
      "$RUN_DIR/switches-before.txt" "$RUN_DIR/switches-after.txt" | sort -rn | head -12
    echo '```'
    echo "(per call = switches in the window / (the load's requests/s, ${perf_rps:-?}, x the window's seconds); perf itself adds some)"
    echo
  } >>"$PROFILE"
  for target in silo gateway; do
    [ -s "$RUN_DIR/perf-$target.data" ] || continue
    perf script -i "$RUN_DIR/perf-$target.data" >"$RUN_DIR/perf-$target.script" 2>/dev/null || true
    {
      echo "#### $target under load: perf (cpu-clock, 999 Hz, ${PROFILE_SECONDS}/2 s)"
      echo
      echo '```'
      awk -f "$BENCH_DIR/perf-leaf.awk" "$RUN_DIR/perf-$target.script"
      echo
      echo "Coworker, NATS, JSON Schema, logging and HttpClient methods by inclusive share:"
      awk -v pat="Coworker|NATS|Json.Schema|Logging|Http.Logging|ModelContextProtocol.Server.McpServer::|Orleans.Runtime.Messaging" -v n=25 \
        -f "$BENCH_DIR/perf-methods.awk" "$RUN_DIR/perf-$target.script"
      echo '```'
      echo
    } >>"$PROFILE"
  done
fi

# Log lines the serving processes wrote per call during the measured Coworker run (console logging is synchronous
# formatting plus a hand-over to the logger's own thread).
{
  echo "Log lines per call during the measured Coworker run: Gateway ${R[coworker.loglines_gateway]}, silo ${R[coworker.loglines_silo]}."
  echo
} >>"$PROFILE"
log "profile written to $PROFILE"
