#!/usr/bin/env bash
# Issue 17's answer-size and ingest benchmark: a 1,000,000-patient cohort with continuous times
# (every curve point distinct), uploaded over HTTP beside R's fread on the same file, then
# survival?endpoint=os with curve=none (fresh), all (plain and gzip) and thinned.
# Usage: bench/answer-run.sh [N]  (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
REPS=${REPS:-11}
OUT=bench/out
mkdir -p "$OUT"
mvn -q -B -o -DskipTests compile >"$OUT/mvn.log" 2>&1
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile="$OUT/server-cp.txt" \
  -Dmdep.includeScope=runtime >>"$OUT/mvn.log" 2>&1
bench() { java -Xmx3g -cp "target/classes:$(cat "$OUT/server-cp.txt")" bench/ServerBench.java "$@"; }
CSV=$OUT/tme-continuous-$N.csv
[ -f "$CSV" ] || bench generate "$CSV" "$N" 42 continuous
DATA=$(mktemp -d)
PORT=18090
TOKEN=bench
ONCOSURV_DATA=$DATA ONCOSURV_PORT=$PORT ONCOSURV_ADMIN_TOKEN=$TOKEN ONCOSURV_COHORTS=/nonexistent \
  ONCOSURV_UPLOAD_LIMIT=$((400 * 1024 * 1024)) \
  java -Xmx3g ${JAVA_OPTS:-} -cp "target/classes:$(cat "$OUT/server-cp.txt")" io.oncosurv.server.Main \
  >"$OUT/answer-server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1); file $CSV, $(du -m "$CSV" | cut -f1) MB"
median() { sort -n | awk '{v[NR] = $1 * 1000} END {printf "median %.1f ms (min %.1f, max %.1f, %d runs)\n", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[1], v[NR], NR}'; }
# Ingest, three times each, side by side with R's fread on the same file.
for i in 1 2 3; do bench run "$CSV" "$PORT" "$TOKEN" "bench-$i"; done | tee "$OUT/answer-upload.txt"
ID=$(sed -n 's/^cohort id //p' "$OUT/answer-upload.txt" | tail -n 1)
Rscript -e "suppressPackageStartupMessages(library(data.table)); f <- '$CSV';
  invisible(fread(f)); t <- replicate(3, system.time(fread(f))[['elapsed']]);
  cat(sprintf('R fread %.3f s (median of 3; runs %s)\n', median(t), paste(t, collapse = ', ')))"
Q="http://127.0.0.1:$PORT/api/cohorts/$ID/survival?endpoint=os"
get() { curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -w "$1" "${@:2}"; }
get "%{http_code}\n" "$Q&curve=none&landmarks=1" >/dev/null; get "" "$Q&curve=none&landmarks=2"
echo "fresh survival?endpoint=os&curve=none (a landmark not asked before): $(for i in $(seq 3 $((REPS + 2))); do get "%{time_total}\n" "$Q&curve=none&landmarks=$i"; done | median)"
echo "cached survival?endpoint=os&curve=none: $(for i in $(seq 1 "$REPS"); do get "%{time_total}\n" "$Q&curve=none&landmarks=3"; done | median)"
echo "thinned: $(get "%{size_download} bytes, %{time_total} s" "$Q&curve=thinned")"
# curl's time_starttransfer: the first byte (computed and written); the rest is the send.
rate='%{size_download} bytes: first byte %{time_starttransfer} s, all %{time_total} s\n'
for i in 1 2 3; do echo "curve=all: $(get "$rate" "$Q&landmarks=$((100 + i))")"; done
for i in 1 2 3; do echo "curve=all, same query again: $(get "$rate" "$Q&landmarks=101")"; done
for i in 1 2 3; do echo "curve=all gzip: $(get "$rate" -H 'Accept-Encoding: gzip' "$Q&landmarks=101")"; done
echo "server peak resident memory (VmHWM): $(grep VmHWM /proc/$SERVER/status | awk '{print $2/1024 " MB"}')"
