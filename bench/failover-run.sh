#!/usr/bin/env bash
# A node killed (kill -9) under load: three secured clustered nodes (secret, event bus TLS with
# the certificates of bench/cluster-certs.sh) on one PostgreSQL database; THREADS connections (16)
# send fresh survival queries on a cohort of PATIENTS (10,000) to node 0 for DURATION s (40);
# node 2 is killed after KILL_AT s (25: the first seconds warm up). Prints the longest time
# without an answer after the kill, when the queries in flight at the kill were answered, and
# node 0's log lines of the departure (with times). Needs PostgreSQL (PGHOST, PGPORT, PGUSER,
# PGPASSWORD: 127.0.0.1, 5432, oncosurv, oncosurv) with a role that may create databases; a fresh
# database (bench/cluster-nodes.sh). Usage: bench/failover-run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS=${THREADS:-16}; SECONDS_EACH=${DURATION:-40}; KILL_AT=${KILL_AT:-25}; N=${PATIENTS:-10000}
OUT=bench/out/failover; mkdir -p "$OUT"
mvn -q -B -o -DskipTests package >/dev/null 2>&1 || mvn -q -B -DskipTests package
COHORT=$OUT/cohort-$N.csv
[ -f "$COHORT" ] || java -cp target/oncosurv.jar bench/ClusterBench.java generate "$COHORT" "$N" 11
eval "$(bench/cluster-certs.sh "$OUT/certs")"
source bench/cluster-nodes.sh
trap nodes_stop EXIT
nodes_start "$OUT" 3 true "-Dorg.slf4j.simpleLogger.showDateTime=true \
  -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"
ports=("${NODE_PORTS[@]}")
id=$(java -cp target/oncosurv.jar bench/ClusterBench.java upload "${ports[0]}" bench \
  "$COHORT" big)
echo "machine: $(nproc) cores; 3 secured nodes; kill -9 of node 2 after $KILL_AT s"
java -cp target/oncosurv.jar bench/FailoverBench.java failover "${ports[0]}" bench "$id" \
  "$THREADS" "$SECONDS_EACH" "${NODE_PIDS[2]}" "$KILL_AT"
grep -h "MemberDepartures.*left\|Removing connection" "$OUT/node0.log" | cut -c1-150 | head -n 3 || true
