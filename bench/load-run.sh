#!/usr/bin/env bash
# Issue 7's overload benchmark: builds the jar, starts the server on a fresh data directory
# (bench/out/load-data, sample cohorts loaded) with a fixed maximum heap and a GC log, and runs
# bench/LoadBench.java against it: CONNECTIONS connections, each with one request in flight at a
# time, for SECONDS of mixed traffic (cached and fresh analyses, plots, pages, uploads). Prints
# the results as markdown (also kept in bench/out/load-result.md) and what the server logged.
# Usage: bench/load-run.sh
# Environment: CONNECTIONS (200), SECONDS (60), TIMEOUT (client timeout, s, 30), HEAP (512m),
#   PORT (18094), SEED (7), MIX (default cached:40,fresh:20,plot:15,page:15,upload:10),
#   MVN_FLAGS (extra Maven flags, e.g. -o)
set -euo pipefail
# bash keeps its own SECONDS (time since the shell started): read the caller's value instead.
DURATION=$(printenv SECONDS || echo 60)
cd "$(dirname "$0")/.."
CONNECTIONS=${CONNECTIONS:-200}; TIMEOUT=${TIMEOUT:-30}; HEAP=${HEAP:-512m}
PORT=${PORT:-18094}; SEED=${SEED:-7}; TOKEN=bench
OUT=bench/out; DATA=$OUT/load-data; LOG=$OUT/load-server.log; GC=$OUT/load-gc.log
mkdir -p "$OUT"
mvn ${MVN_FLAGS:-} -q -B -DskipTests package >"$OUT/mvn.log" 2>&1 || { cat "$OUT/mvn.log" >&2; exit 1; }

rm -rf "$DATA" "$GC" "$LOG"
ONCOSURV_PORT=$PORT ONCOSURV_DATA=$DATA ONCOSURV_ADMIN_TOKEN=$TOKEN ONCOSURV_COHORTS=cohorts \
  java -Xmx"$HEAP" -Xlog:gc*:file="$GC" -XX:+HeapDumpOnOutOfMemoryError \
  -XX:HeapDumpPath="$OUT" -jar target/oncosurv.jar >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 150); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$PORT/health" >/dev/null || { cat "$LOG" >&2; exit 1; }

echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))," \
  "$(free -g | awk '/Mem:/ {print $2}') GB RAM, $(java -version 2>&1 | head -n 1); server -Xmx$HEAP," \
  "client and server on the same cores, loopback; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java bench/LoadBench.java port="$PORT" token="$TOKEN" pid="$SERVER" connections="$CONNECTIONS" \
  seconds="$DURATION" timeout="$TIMEOUT" gclog="$GC" seed="$SEED" mix="${MIX:-}" xmx="$HEAP" \
  >"$OUT/load-result.md" &
CLIENT=$!
# Half-way through the load: how many connections the server really holds.
sleep $((DURATION / 2 + 5))
echo "established connections to the server half-way: $(ss -Htn state established \
  "( sport = :$PORT )" | wc -l)"
wait $CLIENT
cat "$OUT/load-result.md"
echo
echo "server log ($LOG): $(wc -l <"$LOG") lines; WARN $(grep -c 'WARN' "$LOG" || true)," \
  "ERROR $(grep -c 'ERROR' "$LOG" || true), blocked-thread warnings" \
  "$(grep -c 'has been blocked' "$LOG" || true)"
grep -E 'WARN|ERROR|Exception' "$LOG" | sed -E 's/[0-9a-f]{8}-[0-9a-f-]{27}/{id}/g; s/[0-9]+/N/g' \
  | sort | uniq -c | sort -rn | head -n 15 || true
kill $SERVER
wait $SERVER 2>/dev/null || true
