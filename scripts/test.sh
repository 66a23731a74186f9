#!/usr/bin/env bash
# Sets everything up (as scripts/run.sh does) and runs every test against real PostgreSQL, NATS JetStream,
# Orleans clusters and Kestrel. Ends with the line "N passed, N failed, N skipped". Arguments go to dotnet test
# (e.g. --filter "FullyQualifiedName~Audit" for some tests only).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# The PostgreSQL and NATS started here are stopped when the tests end, so that another clone can test next.
stop_all_on_exit
set -e
install_prerequisites
install_test_prerequisites
start_postgres
start_nats
# Test silos connect as the silo user, the Gateway fixture as the gateway user; tests that read or forge traffic on
# NATS subjects use the admin user (tests/Coworker.Tests/Infrastructure/TestEnvironment.cs).
export ConnectionStrings__Postgres ConnectionStrings__Nats
export COWORKER_TEST_NATS_GATEWAY_URL="$NATS_GATEWAY_URL" COWORKER_TEST_NATS_ADMIN_URL="$NATS_ADMIN_URL"
set +e

results="$DATA/test-results"
rm -rf "$results"; mkdir -p "$results"
log "building"
if ! dotnet build "$ROOT/Coworker.Orleans.sln" -c Release -nologo -clp:ErrorsOnly >"$results/build.log" 2>&1; then
  tail -50 "$results/build.log"
  echo "0 passed, 1 failed"
  exit 1
fi

log "running tests"
dotnet test "$ROOT/Coworker.Orleans.sln" -c Release --no-build -nologo \
  --logger "trx;LogFilePrefix=results" --logger "console;verbosity=normal" --results-directory "$results" "$@" \
  -- xUnit.MaxParallelThreads=2 2>&1 | tee "$results/test.log" | grep -E "^\s+(Passed|Failed|Skipped) |^\s*(Failed|Passed)!|Error Message|^\s+[A-Z][A-Za-z.]+Exception" || true
status=${PIPESTATUS[0]}

# Sum the counters of every TRX file: one per test assembly.
read -r passed failed skipped < <(python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    counters = ET.parse(path).getroot().find(".//{*}ResultSummary/{*}Counters")
    if counters is None:
        continue
    p += int(counters.get("passed", 0)); f += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    # Skipped tests (e.g. those needing ../shared) are counted in total but not executed; the TRX logger leaves
    # notExecuted at 0 for them.
    s += max(int(counters.get("notExecuted", 0)), int(counters.get("total", 0)) - int(counters.get("executed", 0)))
print(p, f, s)
PY
)
# A crashed test host can leave failures uncounted: never report green for a red run.
if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then failed=1; fi
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
[ "${failed:-0}" -eq 0 ]
