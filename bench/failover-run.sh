#!/usr/bin/env bash
# A node killed (kill -9) under load: three secured clustered nodes (secret, event bus TLS with
# the certificates of bench/cluster-certs.sh) on one PostgreSQL database; THREADS connections (16)
# send fresh survival queries on a cohort of PATIENTS (10,000) to node 0 for DURATION s (40);
# node 2 is killed after KILL_AT s (25: the first seconds warm up). Prints the longest time
# without an answer after the kill, when the queries in flight at the kill were answered, and
# node 0's log lines of the departure (with times). Needs PostgreSQL on 127.0.0.1:5432 with a
# role oncosurv/oncosurv that may create databases. Usage: bench/failover-run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS=${THREADS:-16}; SECONDS_EACH=${DURATION:-40}; KILL_AT=${KILL_AT:-25}; N=${PATIENTS:-10000}
OUT=bench/out/failover; mkdir -p "$OUT"
mvn -q -B -o -DskipTests package >/dev/null 2>&1 || mvn -q -B -DskipTests package
COHORT=$OUT/cohort-$N.csv
[ -f "$COHORT" ] || java -cp target/oncosurv.jar bench/ClusterBench.java generate "$COHORT" "$N" 11
eval "$(bench/cluster-certs.sh "$OUT/certs")"
export PGPASSWORD=oncosurv
PIDS=()
stop() { for p in "${PIDS[@]:-}"; do kill -9 "$p" 2>/dev/null || true; done; PIDS=(); }
trap stop EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
db="oncosurv_failover_$RANDOM"; ports=(); bus=(); members=""
psql -q -h 127.0.0.1 -U oncosurv -d postgres -c "CREATE DATABASE $db" >/dev/null
for i in 0 1 2; do ports+=("$(free_port)"); bus+=("$(free_port)"); done
for i in 0 1 2; do members+="${members:+,}127.0.0.1:${bus[$i]}"; done
for i in 0 1 2; do
  rm -rf "$OUT/node$i"; mkdir -p "$OUT/node$i" "$OUT/none"
  env ONCOSURV_PORT="${ports[$i]}" ONCOSURV_DATA="$OUT/node$i" ONCOSURV_ADMIN_TOKEN=bench \
    ONCOSURV_COHORTS="$OUT/none" ONCOSURV_NODE="node$i" \
    ONCOSURV_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" ONCOSURV_DB_USER=oncosurv \
    ONCOSURV_DB_PASSWORD=oncosurv ONCOSURV_CLUSTER=true \
    ONCOSURV_CLUSTER_PORT="${bus[$i]}" ONCOSURV_CLUSTER_MEMBERS="$members" \
    java -Xmx1g -Dorg.slf4j.simpleLogger.showDateTime=true \
    -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS -jar target/oncosurv.jar >"$OUT/node$i.log" 2>&1 &
  PIDS+=($!)
done
for i in 0 1 2; do
  for t in $(seq 600); do
    curl -sf "http://127.0.0.1:${ports[$i]}/health" >/dev/null && break
    kill -0 "${PIDS[$i]}" 2>/dev/null || break; sleep 0.5
  done
  curl -sf "http://127.0.0.1:${ports[$i]}/health" >/dev/null || { echo "node$i did not start:"; tail -n 20 "$OUT/node$i.log"; exit 1; }
done
id=$(java -cp target/oncosurv.jar bench/ClusterBench.java upload "${ports[0]}" bench \
  "$COHORT" big)
echo "machine: $(nproc) cores; 3 secured nodes; kill -9 of node 2 after $KILL_AT s"
java -cp target/oncosurv.jar bench/FailoverBench.java failover "${ports[0]}" bench "$id" \
  "$THREADS" "$SECONDS_EACH" "${PIDS[2]}" "$KILL_AT"
grep -h "MemberDepartures.*left\|Removing connection" "$OUT/node0.log" | cut -c1-150 | head -n 3 || true
psql -q -h 127.0.0.1 -U oncosurv -d postgres -c "DROP DATABASE $db WITH (FORCE)" >/dev/null || true
