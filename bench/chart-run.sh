#!/usr/bin/env bash
# Times the Kaplan-Meier figure to PNG (bench/ChartBench.java) and R's base-graphics
# plot(survfit(...)) to png() (bench/km_plot_r.R) on the same cohort files, 1,000 and 100,000
# patients in 3 groups, one after the other, and prints the medians and their ratio.
# Usage: bench/chart-run.sh            Environment: REPS (Java runs, 21), R_REPS (R runs, 11)
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${REPS:-21}
R_REPS=${R_REPS:-11}
OUT=bench/out
mkdir -p "$OUT"
maven() { mvn -q -B "$@" >"$OUT/mvn.log" 2>&1 || { cat "$OUT/mvn.log" >&2; exit 1; }; }
maven -DskipTests compile
maven dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" -Dmdep.includeScope=runtime
bench() { java -Djava.awt.headless=true -cp "target/classes:$(cat "$OUT/cp.txt")" bench/ChartBench.java "$@"; }
median() { awk -v k="$2" '$1 == k { print $2; exit }' "$1"; }

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1), $(Rscript --version 2>&1 | head -n 1)"
for N in 1000 100000; do
  csv=$OUT/km-$N.csv
  [ -f "$csv" ] || bench generate "$csv" "$N" 3 42
  echo; echo "== n = $N"
  bench time "$csv" "$REPS" "$OUT/km-$N-java.png" | tee "$OUT/chart-java-$N.txt"
  Rscript bench/km_plot_r.R "$csv" "$R_REPS" "$OUT/km-$N-r.png" | tee "$OUT/chart-r-$N.txt"
done

echo
echo "| patients | Java figure + PNG (median) | target | R plot + png (median) | Java / R |"
echo "| ---: | ---: | ---: | ---: | ---: |"
for N in 1000 100000; do
  target=$([ "$N" = 1000 ] && echo 100 || echo 500)
  awk -v n="$N" -v j="$(median "$OUT/chart-java-$N.txt" figure+png)" \
      -v r="$(median "$OUT/chart-r-$N.txt" r.plot+png)" -v t="$target" 'BEGIN {
    printf "| %d | %.1f ms %s | < %d ms | %.1f ms | %.2f |\n", n, j, (j < t ? "(met)" : "(NOT met)"), t, r, j / r }'
done
