#!/usr/bin/env bash
# Issue 4's benchmark: the full TME panel (every built-in stratifier, PFS and OS, with Cox) for a
# cohort of N patients (default 2000), warm: timed by curl after two warm-up calls.
# Usage: bench/panel-run.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2000}
REPS=${REPS:-11}
OUT=bench/out
mkdir -p "$OUT"
mvn -q -B -DskipTests compile >"$OUT/mvn.log" 2>&1
mvn -q -B dependency:build-classpath -Dmdep.outputFile="$OUT/server-cp.txt" \
  -Dmdep.includeScope=runtime >>"$OUT/mvn.log" 2>&1
CP="target/classes:$(cat "$OUT/server-cp.txt")"
CSV=$OUT/tme-$N.csv
[ -f "$CSV" ] || java -cp "$CP" bench/ServerBench.java generate "$CSV" "$N" 7
DATA=$(mktemp -d)
PORT=18092
ONCOSURV_DATA=$DATA ONCOSURV_PORT=$PORT ONCOSURV_ADMIN_TOKEN=bench ONCOSURV_COHORTS=/nonexistent \
  java -cp "$CP" io.oncosurv.server.Main >"$OUT/panel-server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
ID=$(curl -s -H "Authorization: Bearer bench" -H "Content-Type: text/csv" --data-binary @"$CSV" \
  "http://127.0.0.1:$PORT/api/cohorts?name=panel" | sed 's/.*"id":"\([^"]*\)".*/\1/')
panel() { curl -s -o /dev/null -w "%{time_total}\n" -H "Authorization: Bearer bench" \
  "http://127.0.0.1:$PORT/api/cohorts/$ID/panel?endpoints=pfs,os"; }
panel >/dev/null; panel >/dev/null
echo "full TME panel, $N patients, 9 stratifiers x PFS/OS with Cox, warm, end to end over HTTP:"
for _ in $(seq 1 "$REPS"); do panel; done | sort -n | \
  awk '{v[NR] = $1 * 1000} END {printf "median %.1f ms (min %.1f, max %.1f, %d runs)\n", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[1], v[NR], NR}'
