#!/usr/bin/env bash
# Issue 17's mixed workload on a cluster: 1, then 2, then 3 secured clustered nodes (secret and
# event bus TLS, bench/cluster-certs.sh), each time on a fresh PostgreSQL database; a TME cohort of
# PATIENTS is uploaded, then bench/MixedClusterBench.java runs CONNECTIONS closed-loop clients of
# survival, Cox, panel and Kaplan-Meier PNG queries (fresh and cached) and REPORTS clients of
# report jobs, spread over the nodes in turn, WARMUP s then DURATION s measured. Prints per kind
# requests/s, p50, p95, answers other than 200, cache hits and the share each node computed
# (X-OncoSurv-Node; a report's runner), then the runs side by side with the ratio to one node.
# All nodes and the client share this machine's cores: read bench/README.md before the ratios.
# Usage: bench/mixed-cluster-run.sh
# Environment: CONNECTIONS (16), REPORTS (2), DURATION (30), WARMUP (15), PATIENTS (2000),
#   NODES ("1 2 3"), MIX (e.g. survival-fresh:20,panel:10; default in MixedClusterBench),
#   PGHOST, PGPORT, PGUSER, PGPASSWORD (127.0.0.1, 5432, oncosurv, oncosurv), JAVA_OPTS
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${CONNECTIONS:-16}; REPORTS=${REPORTS:-2}; SECONDS_EACH=${DURATION:-30}
WARMUP=${WARMUP:-15}; N=${PATIENTS:-2000}
OUT=bench/out/mixed-cluster; mkdir -p "$OUT"
mvn -q -B -o -DskipTests package >/dev/null 2>&1 || mvn -q -B -DskipTests package
COHORT=$OUT/tme-$N.csv
[ -f "$COHORT" ] || java -cp target/oncosurv.jar bench/ServerBench.java generate "$COHORT" "$N" 7
eval "$(bench/cluster-certs.sh "$OUT/certs")" # the cluster's secret and certificates
source bench/cluster-nodes.sh
trap nodes_stop EXIT
SUMMARY=$OUT/summary.tsv; : >"$SUMMARY"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1); load average before:" \
  "$(cut -d' ' -f1-3 /proc/loadavg); ${N} patients"
for n in ${NODES:-1 2 3}; do
  nodes_start "$OUT" "$n" true "${JAVA_OPTS:-}"
  id=$(java -cp target/oncosurv.jar bench/ClusterBench.java upload "${NODE_PORTS[0]}" bench \
    "$COHORT" tme)
  echo
  echo "### $n node(s) (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
  java bench/MixedClusterBench.java load "$(IFS=,; echo "${NODE_PORTS[*]}")" \
    "$(IFS=,; echo "${NODE_PIDS[*]}")" bench "$id" \
    "$CONNECTIONS" "$REPORTS" "$WARMUP" "$SECONDS_EACH" "$SUMMARY" "${MIX:-}"
  for i in $(seq 0 $((n - 1))); do
    # Hazelcast's two start-up warnings (module access, CP subsystem) are left out
    w=$(grep 'WARN' "$OUT/node$i.log" | grep -vc 'Hazelcast is starting\|CPSubsystem' || true)
    e=$(grep -c 'ERROR' "$OUT/node$i.log" || true)
    echo "node$i log: WARN $w (besides Hazelcast's start-up), ERROR $e"
  done
  nodes_stop
done
echo
echo "### Side by side (load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
echo
java bench/MixedClusterBench.java summary "$SUMMARY"
