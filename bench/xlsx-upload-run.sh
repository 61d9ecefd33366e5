#!/usr/bin/env bash
# Issue 20's Excel target over HTTP: the .xlsx of bench/XlsxIngestBench.java (N rows, 12 columns)
# uploaded to a running server as application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
# (receive, read the sheet, check every cell, sha256, durable), then the CSV of the same data, REPS
# times each after one upload of each that warms the server up. Times are curl's time_total.
# Usage: bench/xlsx-upload-run.sh [N]  (default 100000; REPS default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
REPS=${REPS:-5}
OUT=bench/out
mkdir -p "$OUT"
mvn -q -B ${MVN_FLAGS:--o} -DskipTests compile >"$OUT/mvn.log" 2>&1
mvn -q -B ${MVN_FLAGS:--o} dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" \
  -Dmdep.includeScope=runtime >>"$OUT/mvn.log" 2>&1
CP="target/classes:$(cat "$OUT/cp.txt")"
XLSX=$OUT/xlsx-ingest-$N.xlsx
CSV=$OUT/xlsx-ingest-$N.csv
[ -f "$XLSX" ] && [ -f "$CSV" ] || java -cp "$CP" bench/XlsxIngestBench.java "$N" 1 42 >/dev/null
DATA=$(mktemp -d)
PORT=18093
TOKEN=bench
ONCOSURV_DATA=$DATA ONCOSURV_PORT=$PORT ONCOSURV_ADMIN_TOKEN=$TOKEN ONCOSURV_COHORTS=/nonexistent \
  java ${JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.log.io.oncosurv.server.worker.CohortWorker=debug \
  -cp "$CP" io.oncosurv.server.Main >"$OUT/xlsx-upload-server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
upload() { # file, content type, name: prints status and seconds
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $TOKEN" \
    -H "Content-Type: $2" --data-binary "@$1" "http://127.0.0.1:$PORT/api/cohorts?name=$3"
}
median() { sort -n | awk '{a[NR]=$1} END {printf "median %.3f s (min %.3f, max %.3f, %d runs)", a[int((NR+1)/2)], a[1], a[NR], NR}'; }
XT=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1); $(uptime | sed 's/.*load/load/')"
echo "first upload to a fresh server: xlsx $(upload "$XLSX" $XT x0) s; csv $(upload "$CSV" text/csv c0) s"
for kind in xlsx csv; do
  file=$XLSX; type=$XT; [ $kind = csv ] && { file=$CSV; type=text/csv; }
  : >"$OUT/xlsx-upload-$kind.txt"
  for i in $(seq 1 "$REPS"); do
    read -r status secs < <(upload "$file" "$type" "$kind$i")
    [ "$status" = 201 ] || { echo "$kind upload $i: HTTP $status" >&2; exit 1; }
    echo "$secs" >>"$OUT/xlsx-upload-$kind.txt"
  done
  echo "$kind ($(du -k "$file" | cut -f1) KB): $(median <"$OUT/xlsx-upload-$kind.txt")"
done
echo "server phases (parse and check includes the sheet's read):"
grep -oE 'upload of .*' "$OUT/xlsx-upload-server.log" || true
