#!/usr/bin/env bash
# Issue 17's ingest target, side by side: R's data.table::fread on a file, then the same file
# uploaded over HTTP to a running server (receive, check every cell, sha256, durable), in
# ROUNDS alternating rounds of REPS each. Usage: bench/ingest-run.sh [N]  (default 1000000)
# The server logs each upload's phases (body received, parse and check, then store) at debug level.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
REPS=${REPS:-5}
ROUNDS=${ROUNDS:-2}
OUT=bench/out
mkdir -p "$OUT"
mvn -q -B -o -DskipTests compile >"$OUT/mvn.log" 2>&1
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile="$OUT/server-cp.txt" \
  -Dmdep.includeScope=runtime >>"$OUT/mvn.log" 2>&1
CP="target/classes:$(cat "$OUT/server-cp.txt")"
bench() { java -Xmx3g -cp "$CP" bench/ServerBench.java "$@"; }
CSV=$OUT/tme-$N.csv
[ -f "$CSV" ] || bench generate "$CSV" "$N" 42
DATA=$(mktemp -d)
PORT=18091
TOKEN=bench
ONCOSURV_DATA=$DATA ONCOSURV_PORT=$PORT ONCOSURV_ADMIN_TOKEN=$TOKEN ONCOSURV_COHORTS=/nonexistent \
  ONCOSURV_UPLOAD_LIMIT=$((400 * 1024 * 1024)) \
  java ${JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.log.io.oncosurv.server.worker.CohortWorker=debug \
  -Dorg.slf4j.simpleLogger.log.io.oncosurv.server.http.UploadBody=debug \
  -cp "$CP" io.oncosurv.server.Main >"$OUT/ingest-server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1); file $CSV, $(du -m "$CSV" | cut -f1) MB"
bench run "$CSV" "$PORT" "$TOKEN" warmup 2 >/dev/null # the server's JIT warms up
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round, $(uptime | sed 's/.*load/load/')"
  Rscript -e "suppressPackageStartupMessages(library(data.table)); f <- '$CSV';
    invisible(fread(f)); t <- replicate($REPS, system.time(fread(f))[['elapsed']]);
    cat(sprintf('R fread: median %.3f s (min %.3f, max %.3f, %d runs)\n', median(t), min(t),
      max(t), length(t)))"
  bench run "$CSV" "$PORT" "$TOKEN" "round$round" "$REPS" | grep -v '^cohort id'
done
echo "server phases, each upload (body received; parse and check; after it):"
grep -oE '(upload|body) of .*' "$OUT/ingest-server.log" || true
