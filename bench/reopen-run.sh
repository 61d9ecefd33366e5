#!/usr/bin/env bash
# Issue 15's benchmark: a store like the reported one (1,635 cohorts, about 2.2 GB) is opened by
# a server that is then killed with SIGKILL during uploads; the restart is timed to the first
# answer of /health and to its first 200, with the phases the server logs ("startup: ...").
# Usage: bench/reopen-run.sh
# Environment: STORE (a directory; default /tmp/oncosurv-reopen, about 6 GB free needed),
#   COHORTS (1635), TOTAL_MB (2200), SEED (15), REPS (3), PORT (18095), HEAP (2g),
#   KEEP=1 keeps the store for another run (it is deleted otherwise), MVN_FLAGS (e.g. -o)
set -euo pipefail
cd "$(dirname "$0")/.."
STORE=${STORE:-/tmp/oncosurv-reopen}; COHORTS=${COHORTS:-1635}; TOTAL_MB=${TOTAL_MB:-2200}
SEED=${SEED:-15}; REPS=${REPS:-3}; PORT=${PORT:-18095}; HEAP=${HEAP:-2g}
OUT=bench/out
mkdir -p "$OUT" "$STORE"
mvn ${MVN_FLAGS:-} -q -B -DskipTests compile >"$OUT/mvn.log" 2>&1 \
  || { cat "$OUT/mvn.log" >&2; exit 1; }
mvn ${MVN_FLAGS:-} -q -B dependency:build-classpath -Dmdep.outputFile="$OUT/reopen-cp.txt" \
  -Dmdep.includeScope=runtime >>"$OUT/mvn.log" 2>&1
CP="target/classes:$(cat "$OUT/reopen-cp.txt")"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$STORE"' EXIT
echo "machine: $(nproc) cores" \
  "($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
  "$(free -g | awk '/Mem:/ {print $2}') GB RAM, $(java -version 2>&1 | head -n 1));" \
  "server -Xmx$HEAP;" \
  "store in $STORE ($(df -h "$STORE" | awk 'NR == 2 {print $4}') free); load average before:" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
if [ ! -f "$STORE/data/oncosurv.mv.db" ]; then
  java -Xmx2g -cp "$CP" bench/ReopenBench.java build "$STORE/data" "$COHORTS" "$TOTAL_MB" \
    "$SEED" cohorts/synthetic-ici-oligometastatic.csv
fi
java -cp "$CP" bench/ReopenBench.java reopen "$STORE/data" "$REPS" "$PORT" "$HEAP"
