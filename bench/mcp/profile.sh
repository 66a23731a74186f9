# Sourced by bench/mcp/run.sh when BENCH_PROFILE=1, after the measurements, while everything still runs.
# Writes $RUN_DIR/profile.md:
#   1. one caller at a time (wrk -t1 -c1): each target's service time with no queueing;
#   2. the upstream hop as Coworker's silo timed it (audit detail latency_ms of those calls);
#   3. perf (cpu-clock samples, JIT frames named through DOTNET_PerfMapEnabled=1, which run.sh sets for the silo
#      and the Gateway in this mode) of the silo and the Gateway under the benchmark's load: self time by
#      component and the hottest methods.
PROFILE="$RUN_DIR/profile.md"
PROFILE_SECONDS="${BENCH_PROFILE_SECONDS:-10}"

single_caller() { # name url kind path tool protocol session auth
  export BENCH_KIND="$3" BENCH_PATH="$4" BENCH_TOOL="$5" BENCH_PROTOCOL="$6" BENCH_SESSION="$7" BENCH_AUTH="$8"
  wrk -t1 -c1 -d"${PROFILE_SECONDS}s" --latency -s "$BENCH_DIR/mcp-call.lua" "$2" >"$RUN_DIR/wrk-$1-single.txt" 2>&1
  local line p; line=$(grep '^BENCH requests=' "$RUN_DIR/wrk-$1-single.txt"); p=$(grep '^BENCH p50_us=' "$RUN_DIR/wrk-$1-single.txt")
  awk -v name="$1" -v l="$line" -v p="$p" 'BEGIN {
    split(l " " p, f, /[ =]/); for (i = 1; i in f; i++) v[f[i]] = f[i + 1];
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
  hop=$(pg_user_run "$PG_BIN/psql" -h "$DATA/postgres" -p "$PG_PORT" -U coworker -d "$BENCH_DB" -tA -F ' ' -c "
    SELECT count(*),
           percentile_cont(0.5) WITHIN GROUP (ORDER BY (detail->>'latency_ms')::int),
           percentile_cont(0.99) WITHIN GROUP (ORDER BY (detail->>'latency_ms')::int)
    FROM coworker.audit_events
    WHERE kind = 'tool_call' AND at >= '$audit_from' AND at <= '$audit_to'" 2>&1 || true)
  echo "Upstream hop as the silo timed it during the single-caller Coworker run (audit detail latency_ms, whole ms):" \
    "calls, p50, p99 = $hop." >>"$PROFILE"
  echo >>"$PROFILE"
fi

if command -v perf >/dev/null; then
  log "profile: perf of the silo and the Gateway under load (-t$THREADS -c$CONNECTIONS, ${PROFILE_SECONDS}s)"
  export BENCH_KIND=mcp BENCH_PATH=/mcp BENCH_TOOL="$TOOL" BENCH_PROTOCOL="$COWORKER_PROTOCOL" BENCH_SESSION="$COWORKER_SESSION" BENCH_AUTH="$AGENT_KEY"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$((PROFILE_SECONDS + 4))s" -s "$BENCH_DIR/mcp-call.lua" "$GATEWAY" >"$RUN_DIR/wrk-coworker-perf.txt" 2>&1 &
  wrk_pid=$!
  sleep 2
  for target in silo:$SILO_PID gateway:$GATEWAY_PID; do
    perf record -F 999 -g -p "${target#*:}" -o "$RUN_DIR/perf-${target%%:*}.data" -- sleep "$((PROFILE_SECONDS / 2))" >/dev/null 2>&1 || true
  done
  wait "$wrk_pid" || true
  for target in silo gateway; do
    [ -s "$RUN_DIR/perf-$target.data" ] || continue
    perf report -i "$RUN_DIR/perf-$target.data" --no-children --sort sym --stdio -g none --percent-limit 0.3 \
      >"$RUN_DIR/perf-$target.txt" 2>/dev/null || true
    {
      echo "#### $target: self CPU time by component (perf, cpu-clock)"
      echo
      echo '```'
      # Components: the first two segments of a managed method's namespace; native code by library.
      perf report -i "$RUN_DIR/perf-$target.data" --no-children --sort dso,sym --stdio -g none 2>/dev/null \
        | awk '/^ +[0-9.]+%/ {
            pct = $1; sub(/%/, "", pct); dso = $2; sym = ""; for (i = 4; i <= NF; i++) sym = sym " " $i;
            if (dso ~ /^perf-[0-9]+\.map$/ || dso ~ /\.dll$/) {
              name = sym; sub(/^ *\[?/, "", name); sub(/[:!(].*/, "", name); sub(/\[[^]]*\] */, "", name);
              n = split(name, seg, "."); comp = (n >= 2 ? seg[1] "." seg[2] : seg[1]);
              if (comp == "") comp = "jitted (unnamed)";
            } else if (dso ~ /kernel/) comp = "kernel";
            else comp = dso;
            total[comp] += pct }
          END { for (c in total) printf "%6.1f%%  %s\n", total[c], c }' | sort -rn | head -20
      echo '```'
      echo
      echo "#### $target: hottest methods (self time)"
      echo
      echo '```'
      grep -E '^ +[0-9.]+%' "$RUN_DIR/perf-$target.txt" | head -25 | cut -c1-160
      echo '```'
      echo
    } >>"$PROFILE"
  done
fi
log "profile written to $PROFILE"
