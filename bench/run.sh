#!/usr/bin/env bash
# Times the statistics kernel (bench/SurvivalBench.java) and R survival (time_r.R) on the same
# cohort files, one after the other on this machine, and prints their ratios against the targets.
#
# Usage: bench/run.sh [N]        N patients, default 1000000 (100000 for a quick run)
# Environment: REPS (Java runs, 5), R_REPS (R runs, 3), SEED (42), SHARED (../shared, from the
# repository root), JAVA_OPTS (extra JVM flags, none by default).
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-1000000}
NGROUPS=3 # not GROUPS: bash reserves that name
REPS=${REPS:-5}
R_REPS=${R_REPS:-3}
SEED=${SEED:-42}
SHARED=${SHARED:-../shared}
OUT=bench/out
TIME_R=$SHARED/bench/time_r.R

# Fail before the long part if the baseline cannot run.
if [ ! -f "$TIME_R" ]; then
  echo "No $TIME_R: set SHARED to the directory holding bench/time_r.R." >&2
  exit 1
fi
if ! command -v Rscript >/dev/null 2>&1 \
   || ! Rscript -e 'suppressPackageStartupMessages({library(survival); library(data.table)})' >/dev/null 2>&1; then
  echo "R with the survival and data.table packages is needed for the baseline. Install them with:" >&2
  echo "  apt-get install -y r-cran-survival r-cran-data.table" >&2
  exit 1
fi

mkdir -p "$OUT"
# Maven's output only matters when it fails (quiet mode still prints colour resets).
maven() { mvn -q -B "$@" >"$OUT/mvn.log" 2>&1 || { cat "$OUT/mvn.log" >&2; exit 1; }; }
maven -DskipTests compile
maven dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" -Dmdep.includeScope=runtime
bench() {
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
  java ${JAVA_OPTS:-} -cp "target/classes:$(cat "$OUT/cp.txt")" bench/SurvivalBench.java "$@"
}

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1), $(Rscript --version 2>&1 | head -n 1)," \
  "survival $(Rscript -e 'cat(format(packageVersion("survival")))')"

MODES="rounded continuous"
for mode in $MODES; do
  csv=$OUT/cohort-$N-$mode.csv
  echo
  echo "== $mode, n = $N"
  bench generate "$csv" "$N" "$NGROUPS" "$SEED" "$mode"
  bench time "$csv" "$REPS" | tee "$OUT/java-$N-$mode.txt"
  Rscript "$TIME_R" "$csv" time event group "$R_REPS" | tee "$OUT/r-$N-$mode.txt"
done

# The median of a labelled line: "label   1.234 ms  (runs ...)" (Java) or "... s  (runs ...)" (R).
median() { awk -v k="$2" '$1 == k { print $2; exit }' "$1"; }
chisq() { sed -n 's/.*log-rank chisq = \([^;]*\);.*/\1/p' "$1" | head -n 1; }

echo
echo "Summary (n = $N, $NGROUPS groups; Java median of $REPS runs, R median of $R_REPS runs)."
echo "unsorted = build the sample + KM for every group + log-rank from unsorted arrays;"
echo "R = survfit + survdiff; inorder / sorted = the same pipeline on presorted input."
echo
echo "| times | R survfit+survdiff | Java unsorted | Java/R (target <= 0.10) | Arrays.sort | unsorted/sort (target <= 2) | inorder | sorted (target <= 20 ms) | chisq Java | chisq R |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for mode in $MODES; do
  j=$OUT/java-$N-$mode.txt
  r=$OUT/r-$N-$mode.txt
  awk -v mode="$mode" \
      -v survfit="$(median "$r" survfit)" -v survdiff="$(median "$r" survdiff)" \
      -v unsorted="$(median "$j" unsorted)" -v sort="$(median "$j" arrays.sort)" \
      -v inorder="$(median "$j" inorder)" -v sorted="$(median "$j" sorted)" \
      -v cj="$(chisq "$j")" -v cr="$(chisq "$r")" '
    function verdict(ok) { return ok ? "met" : "NOT met" }
    BEGIN {
      rMs = (survfit + survdiff) * 1000
      toR = unsorted / rMs
      toSort = unsorted / sort
      printf "| %s | %.0f ms | %.1f ms | %.3f %s | %.1f ms | %.2f %s | %.1f ms %s | %.1f ms %s | %s | %s %s |\n",
        mode, rMs, unsorted, toR, verdict(toR <= 0.10), sort, toSort, verdict(toSort <= 2),
        inorder, verdict(inorder <= 20), sorted, verdict(sorted <= 20), cj, cr,
        cj == cr ? "(same 10 digits)" : "(DIFFERENT)"
    }'
done
