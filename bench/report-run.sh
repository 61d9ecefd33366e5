#!/usr/bin/env bash
# Times a full TME panel report (bench/panel-report.json: the 9 built-in stratifiers x PFS and OS
# of the 300-patient ICI sample cohort, HTML + PDF + PNGs): through the CLI jar (a fresh JVM each
# time), in one warm JVM (bench/ReportBench.java), 20 at once on a server, and R survival doing
# the same analyses and plots (bench/report_r.R), side by side on the same file.
# Usage: bench/report-run.sh        Environment: REPS (warm runs, 11), CLI_REPS (3), R_REPS (5)
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${REPS:-11}; CLI_REPS=${CLI_REPS:-3}; R_REPS=${R_REPS:-5}
OUT=bench/out; SPEC=bench/panel-report.json; COHORT=cohorts/synthetic-ici-oligometastatic.csv
mkdir -p "$OUT"
maven() { mvn -q -B "$@" >"$OUT/mvn.log" 2>&1 || { cat "$OUT/mvn.log" >&2; exit 1; }; }
maven -DskipTests package
maven dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" -Dmdep.includeScope=runtime
bench() { java -Djava.awt.headless=true -cp "target/classes:$(cat "$OUT/cp.txt")" bench/ReportBench.java "$@"; }
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1), $(Rscript --version 2>&1 | head -n 1)"

echo; echo "== CLI: java -jar target/oncosurv.jar report (fresh JVM, $CLI_REPS runs)"
for i in $(seq "$CLI_REPS"); do
  s=$(date +%s%N)
  java -jar target/oncosurv.jar report --spec "$SPEC" --cohort "$COHORT" --out "$OUT/report-cli" --quiet >/dev/null
  echo "cli $(( ($(date +%s%N) - s) / 1000000 ))"
done | tee "$OUT/report-cli.txt"

echo; echo "== in one JVM"
bench inprocess "$SPEC" "$COHORT" "$REPS" | tee "$OUT/report-java.txt"

echo; echo "== 20 at once on a server"
rm -rf "$OUT/report-server"; mkdir -p "$OUT/report-server"
PORT=18093
ONCOSURV_PORT=$PORT ONCOSURV_DATA="$OUT/report-server" ONCOSURV_ADMIN_TOKEN=bench \
  ONCOSURV_COHORTS=cohorts java -jar target/oncosurv.jar >"$OUT/report-server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for i in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
bench concurrent "$PORT" bench "$SPEC" 20 | tee "$OUT/report-concurrent.txt"
kill $SERVER

echo; echo "== R survival, same analyses and plots"
Rscript bench/report_r.R "$COHORT" "$R_REPS" "$OUT/report-r" | tee "$OUT/report-r.txt"

cli=$(awk '{print $2}' "$OUT/report-cli.txt" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
warm=$(awk '$1 == "warm" {print $2}' "$OUT/report-java.txt")
rwarm=$(awk '$1 == "warm" {print $2}' "$OUT/report-r.txt")
echo
echo "| | time | target | R (same analyses + plots, warm) | ratio to R |"
echo "| --- | ---: | ---: | ---: | ---: |"
awk -v c="$cli" -v w="$warm" -v r="$rwarm" 'BEGIN {
  printf "| CLI, fresh JVM (median of runs) | %.0f ms %s | < 3000 ms | %.0f ms | %.2f |\n", c, (c < 3000 ? "(met)" : "(NOT met)"), r, c / r
  printf "| one warm JVM (median) | %.0f ms | | %.0f ms | %.2f |\n", w, r, w / r }'
grep submitted "$OUT/report-concurrent.txt"
