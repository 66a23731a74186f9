#!/usr/bin/env bash
# Import time and peak memory for the largest shared description (GitHub REST, 11 MB, 1030 operations),
# each measurement in a fresh process, 3 runs each; prints a markdown table with the parse-only floor.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SPEC="${1:-$ROOT/../shared/specs/github-rest.api.github.com.json}"
[ -f "$SPEC" ] || { echo "missing $SPEC (../shared is not next to this checkout)"; exit 1; }
dotnet build "$ROOT/bench/import/Coworker.Bench.Import.csproj" -c Release -nologo -clp:ErrorsOnly >/dev/null
BIN="$ROOT/bench/import/bin/Release/net10.0/Coworker.Bench.Import.dll"
echo "| step | operations/tools | seconds (median of 3) | peak working set MB | allocated MB |"
echo "|---|--:|--:|--:|--:|"
for mode in parse import; do
  for _ in 1 2 3; do dotnet "$BIN" "$SPEC" "$mode"; done | sort -t$'\t' -k3 -n | sed -n 2p \
    | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s |\n", ($1=="parse" ? "parse only (Microsoft.OpenApi, the floor)" : "full import (tools, schemas, hashes)"), $2, $3, $4, $5 }'
done
