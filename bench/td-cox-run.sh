#!/usr/bin/env bash
# Times the time-dependent Cox model (bench/TimeDependentCoxBench.java) and R (td_cox_r.R) on
# the same file, one after the other on this machine, and prints the ratio against issue 19's
# target: one exposure switching on during follow-up + 3 baseline terms on N patients (about
# 1.43 N (start, stop] rows), the split and the fit at most 1/5 of R's tmerge + coxph.
# Then the landmark queries (bench/LandmarkBench.java) on the same file: /survival and /cox
# with and without from=s, side by side.
#
# Usage: bench/td-cox-run.sh [N]   N patients, default 1000000
# Environment: REPS (Java runs, 5), R_REPS (R runs, 1: tmerge on 1,000,000 patients takes
# ~30 s; 1 means no warm-up), SEED (42), FROM (landmark starts in months, "1 6 12"),
# JAVA_OPTS (extra JVM flags), MVN_FLAGS (e.g. -o).
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-1000000}
REPS=${REPS:-5}
R_REPS=${R_REPS:-1}
SEED=${SEED:-42}
FROM=${FROM:-1 6 12}
OUT=bench/out

if ! command -v Rscript >/dev/null 2>&1 || ! Rscript -e \
    'suppressPackageStartupMessages({library(survival); library(data.table)})' \
    >/dev/null 2>&1; then
  echo "R with survival and data.table is needed for the baseline. Install them with:" >&2
  echo "  apt-get install -y r-cran-survival r-cran-data.table" >&2
  exit 1
fi

mkdir -p "$OUT"
maven() {
  # shellcheck disable=SC2086 # MVN_FLAGS is a list of flags
  mvn -q -B ${MVN_FLAGS:-} "$@" >"$OUT/mvn.log" 2>&1 || { cat "$OUT/mvn.log" >&2; exit 1; }
}
maven -DskipTests compile
# a classpath already written for this pom is kept (the plugin needs the network once)
[ -s "$OUT/cp.txt" ] && [ "$OUT/cp.txt" -nt pom.xml ] ||
  maven dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" -Dmdep.includeScope=runtime
run() {
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
  java ${JAVA_OPTS:-} -cp "target/classes:$(cat "$OUT/cp.txt")" "$@"
}

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1)," \
  "$(Rscript --version 2>&1 | head -n 1)," \
  "survival $(Rscript -e 'cat(format(packageVersion("survival")))')"

data=$OUT/td-cox-$N.csv
run bench/TimeDependentCoxBench.java generate "$data" "$N" "$SEED"

echo; echo "== time-dependent Cox, n = $N ($(uptime))"
jt=$OUT/java-td-cox-$N.txt; rt=$OUT/r-td-cox-$N.txt
run bench/TimeDependentCoxBench.java time "$data" "$REPS" | tee "$jt"
Rscript bench/td_cox_r.R "$data" "$R_REPS" | tee "$rt"
echo; echo "== landmark queries, n = $N ($(uptime))"
lt=$OUT/java-landmark-$N.txt
# shellcheck disable=SC2086 # FROM is a list of times
run bench/LandmarkBench.java "$data" "$REPS" $FROM | tee "$lt"
echo; echo "load after: $(uptime)"

# The median of a labelled line: "label   1.234 ms  (runs ...)" (Java) or "... s  (runs ...)" (R).
median() { awk -v k="$2" '$1 == k { print $2; exit }' "$1"; }
coefs() { sed -n 's/^check \([a-z0-9]*\) coef = \([^ ]*\) se = \(.*\)/\1 \2 \3/p' "$1"; }

echo
echo "Summary (Java medians of $REPS runs, R medians of $R_REPS runs)."
echo "| work | n | rows | R tmerge + coxph | Java split + fit | Java / R (target) | split / tmerge | fit / coxph |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
awk -v n="$N" -v rows="$(sed -n 's/^check rows = \([0-9]*\),.*/\1/p' "$jt")" \
    -v tm="$(median "$rt" tmerge)" -v cx="$(median "$rt" coxph)" \
    -v both="$(median "$rt" tmerge+coxph)" -v sp="$(median "$jt" split)" \
    -v ft="$(median "$jt" fit)" -v jb="$(median "$jt" split+fit)" '
  BEGIN {
    r = both * 1000
    printf "| exposure (tdc) + age + f2 + f3, Efron | %d | %d | %.0f ms (tmerge %.0f + coxph %.0f) |",
      n, rows, r, tm * 1000, cx * 1000
    printf " %.0f ms (split %.1f + fit %.0f) | %.4f (<= 0.20: %s) | %.5f | %.4f |\n", jb, sp, ft,
      jb / r, jb / r <= 0.20 ? "met" : "NOT met", sp / (tm * 1000), ft / (cx * 1000)
  }'
# relative differences on the 17-digit lines: coef and se of each term, Java against R
digits() { sed -n "s/^check $2, 17 digits = \[\(.*\)\]/\1/p" "$1" | tr -d ' ' | tr , '\n'; }
for what in coef se; do
  paste <(digits "$jt" "$what") <(digits "$rt" "$what") | awk -v what="$what" '
    function abs(v) { return v < 0 ? -v : v }
    { d = abs(($1 - $2) / $2); if (d > m) m = d }
    END { printf "max relative difference of %s, Java vs R: %.1e\n", what, m }'
done
coefs "$jt" | sed 's/^/Java /'
coefs "$rt" | sed 's/^/R    /'
grep '^check \(rows\|loglik\)' "$jt" | sed 's/^/Java /'
grep '^check \(rows\|loglik\)' "$rt" | sed 's/^/R    /'
echo
echo "Landmark queries: each with from=s beside the plain query (medians, ms)."
grep '^landmark' "$lt" || true
