#!/usr/bin/env bash
# Fresh survival queries on a 100,000-patient cohort (a random cut-off each: no cache answers),
# 20 s each, on: one node as by default; one, two and three clustered nodes (Hazelcast, TCP on
# loopback) sharing one PostgreSQL database, the client going round robin over the nodes; and
# one thread against the default node and against node 0 of the three (two in three of its
# queries computed on another node): the clustered event bus's cost per request.
# Needs PostgreSQL on 127.0.0.1:5432 with a role oncosurv/oncosurv that may create databases
# (.ci/run sets that up); the nodes' secret and certificates come from bench/cluster-certs.sh.
# Usage: bench/cluster-run.sh     Environment: THREADS (8), DURATION (20 s)
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS=${THREADS:-8}; SECONDS_EACH=${DURATION:-20}
OUT=bench/out/cluster; mkdir -p "$OUT"
mvn -q -B -o -DskipTests package >/dev/null 2>&1 || mvn -q -B -DskipTests package
bench() { java -cp target/oncosurv.jar bench/ClusterBench.java "$@"; }
[ -f "$OUT/cohort-100k.csv" ] || bench generate "$OUT/cohort-100k.csv" 100000 11
eval "$(bench/cluster-certs.sh "$OUT/certs")" # the cluster's secret and certificates
export PGPASSWORD=oncosurv
PIDS=()
stop() { for p in "${PIDS[@]:-}"; do kill -9 "$p" 2>/dev/null || true; done; PIDS=(); }
trap stop EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# start N [clustered]: prints the HTTP ports, comma-separated
start() {
  local n=$1 clustered=$2 db="oncosurv_bench_$RANDOM" ports=() bus=() members=""
  psql -q -h 127.0.0.1 -U oncosurv -d postgres -c "CREATE DATABASE $db" >/dev/null
  for i in $(seq "$n"); do ports+=("$(free_port)"); bus+=("$(free_port)"); done
  for i in $(seq 0 $((n - 1))); do members+="${members:+,}127.0.0.1:${bus[$i]}"; done
  for i in $(seq 0 $((n - 1))); do
    rm -rf "$OUT/node$i"; mkdir -p "$OUT/node$i"
    env ONCOSURV_PORT="${ports[$i]}" ONCOSURV_DATA="$OUT/node$i" ONCOSURV_ADMIN_TOKEN=bench \
      ONCOSURV_COHORTS="$OUT/none" ONCOSURV_NODE="node$i" \
      ONCOSURV_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" ONCOSURV_DB_USER=oncosurv \
      ONCOSURV_DB_PASSWORD=oncosurv ONCOSURV_CLUSTER="$clustered" \
      ONCOSURV_CLUSTER_PORT="${bus[$i]}" ONCOSURV_CLUSTER_MEMBERS="$members" \
      java -Xmx1g -jar target/oncosurv.jar >"$OUT/node$i.log" 2>&1 &
    PIDS+=($!)
  done
  for i in $(seq 0 $((n - 1))); do
    for t in $(seq 200); do curl -sf "http://127.0.0.1:${ports[$i]}/health" >/dev/null && break; sleep 0.2; done
  done
  (IFS=,; echo "${ports[*]}")
}
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1); $THREADS threads, $SECONDS_EACH s each"
run() { # label N clustered threads [first node only]
  local ports id
  ports=$(start "$2" "$3"); id=$(bench upload "${ports%%,*}" bench "$OUT/cohort-100k.csv" big)
  bench load "${5:-$ports}" bench "$id" "$4" 3 >/dev/null # warm-up
  echo "$1: $(bench load "${5:-$ports}" bench "$id" "$4" "$SECONDS_EACH")"
  if [ -n "${6:-}" ]; then echo "$6: $(bench load "${ports%%,*}" bench "$id" 1 "$SECONDS_EACH")"; fi
  stop
}
run "one node, default (not clustered)" 1 false "$THREADS" "" "one thread, default node"
run "1 clustered node" 1 true "$THREADS"
run "2 clustered nodes" 2 true "$THREADS"
run "3 clustered nodes" 3 true "$THREADS" "" "one thread, node 0 of 3 (2/3 computed elsewhere)"
