#!/usr/bin/env bash
# Fresh survival queries on a 100,000-patient cohort (a random cut-off each: no cache answers),
# 20 s each, on: one node as by default; one, two and three clustered nodes (Hazelcast, TCP on
# loopback) sharing one PostgreSQL database, the client going round robin over the nodes; and
# one thread against the default node and against node 0 of the three (two in three of its
# queries computed on another node): the clustered event bus's cost per request.
# Needs PostgreSQL (PGHOST, PGPORT, PGUSER, PGPASSWORD: 127.0.0.1, 5432, oncosurv, oncosurv) with
# a role that may create databases (.ci/run sets that up); a fresh database per setup
# (bench/cluster-nodes.sh); the nodes' secret and certificates come from bench/cluster-certs.sh.
# Usage: bench/cluster-run.sh     Environment: THREADS (8), DURATION (20 s)
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS=${THREADS:-8}; SECONDS_EACH=${DURATION:-20}
OUT=bench/out/cluster; mkdir -p "$OUT"
mvn -q -B -o -DskipTests package >/dev/null 2>&1 || mvn -q -B -DskipTests package
bench() { java -cp target/oncosurv.jar bench/ClusterBench.java "$@"; }
[ -f "$OUT/cohort-100k.csv" ] || bench generate "$OUT/cohort-100k.csv" 100000 11
eval "$(bench/cluster-certs.sh "$OUT/certs")" # the cluster's secret and certificates
source bench/cluster-nodes.sh
trap nodes_stop EXIT
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1); $THREADS threads, $SECONDS_EACH s each"
run() { # label N clustered threads [first node only]
  local ports id
  nodes_start "$OUT" "$2" "$3"; ports=$(IFS=,; echo "${NODE_PORTS[*]}")
  id=$(bench upload "${ports%%,*}" bench "$OUT/cohort-100k.csv" big)
  bench load "${5:-$ports}" bench "$id" "$4" 3 >/dev/null # warm-up
  echo "$1: $(bench load "${5:-$ports}" bench "$id" "$4" "$SECONDS_EACH")"
  if [ -n "${6:-}" ]; then echo "$6: $(bench load "${ports%%,*}" bench "$id" 1 "$SECONDS_EACH")"; fi
  nodes_stop
}
run "one node, default (not clustered)" 1 false "$THREADS" "" "one thread, default node"
run "1 clustered node" 1 true "$THREADS"
run "2 clustered nodes" 2 true "$THREADS"
run "3 clustered nodes" 3 true "$THREADS" "" "one thread, node 0 of 3 (2/3 computed elsewhere)"
