#!/usr/bin/env bash
# Issue 3's benchmark: upload a large TME cohort to a running server and query it by LIPI, then
# time R's read.csv and fread on the same file. Usage: bench/server-run.sh [N]  (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
REPS=${REPS:-21}
OUT=bench/out
mkdir -p "$OUT"
mvn -q -B -DskipTests compile >"$OUT/mvn.log" 2>&1
mvn -q -B dependency:build-classpath -Dmdep.outputFile="$OUT/server-cp.txt" \
  -Dmdep.includeScope=runtime >>"$OUT/mvn.log" 2>&1
bench() { java -Xmx3g -cp "target/classes:$(cat "$OUT/server-cp.txt")" bench/ServerBench.java "$@"; }
CSV=$OUT/tme-$N.csv
[ -f "$CSV" ] || bench generate "$CSV" "$N" 42
DATA=$(mktemp -d)
PORT=18089
TOKEN=bench
ONCOSURV_DATA=$DATA ONCOSURV_PORT=$PORT ONCOSURV_ADMIN_TOKEN=$TOKEN ONCOSURV_COHORTS=/nonexistent \
  ONCOSURV_UPLOAD_LIMIT=$((400 * 1024 * 1024)) \
  java ${JAVA_OPTS:-} -cp "target/classes:$(cat "$OUT/server-cp.txt")" io.oncosurv.server.Main \
  >"$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1); file $CSV, $(du -m "$CSV" | cut -f1) MB"
bench parse "$CSV" 5
bench run "$CSV" "$PORT" "$TOKEN" | tee "$OUT/upload.txt"
ID=$(sed -n 's/^cohort id //p' "$OUT/upload.txt")
# Queries timed by curl (a native client: a fresh JVM client would time its own warm-up).
# Fresh: a landmark not asked before, so the answer is computed; two warm-ups first.
# Cached: the same query again. The whole answer (about 2.2 MB of JSON) is received each time.
query() { curl -s -o /dev/null -w "%{time_total}\n" -H "Authorization: Bearer $TOKEN" \
  "http://127.0.0.1:$PORT/api/cohorts/$ID/survival?endpoint=os&by=lipi$1"; }
median() { sort -n | awk '{v[NR] = $1 * 1000} END {printf "median %.1f ms (min %.1f, max %.1f, %d runs)\n", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[1], v[NR], NR}'; }
query "&landmarks=1" >/dev/null; query "&landmarks=2" >/dev/null
echo "fresh query by lipi (os), end to end over HTTP: $(for i in $(seq 3 $((REPS + 2))); do query "&landmarks=$i"; done | median)"
query "" >/dev/null
echo "cached query by lipi (os), end to end over HTTP: $(for i in $(seq 1 "$REPS"); do query ""; done | median)"
echo "server peak resident memory (VmHWM): $(grep VmHWM /proc/$SERVER/status | awk '{print $2/1024 " MB"}')"
echo "server heap now: $(jcmd $SERVER GC.heap_info 2>/dev/null | grep -E 'garbage-first heap|total' | head -n 1 | sed 's/^ *//')"
Rscript -e "suppressPackageStartupMessages(library(data.table)); f <- '$CSV';
  invisible(fread(f)); t <- replicate(3, system.time(fread(f))[['elapsed']]);
  cat(sprintf('R fread    %.3f s (median of 3)\n', median(t)));
  t2 <- replicate(3, system.time(read.csv(f))[['elapsed']]);
  cat(sprintf('R read.csv %.3f s (median of 3)\n', median(t2)))"
