#!/usr/bin/env bash
# Times the competing-risks analyses (bench/CompetingRisksBench.java) and R (competing_r.R) on
# the same files, one after the other on this machine, and prints their ratios against issue
# 18's targets: cumulative incidence (3 causes x 3 groups) + Gray's test on N patients, at most
# 1/10 of R's survfit + cuminc; Fine-Gray with 3 terms on N/10 patients, at most 1/5 of crr.
#
# Usage: bench/competing-run.sh [N]   N patients, default 1000000 (Fine-Gray on N/10)
# Environment: REPS (Java runs, 5), R_REPS (survfit and cuminc runs, 1: survfit on 1,000,000
# patients takes ~3 min; 1 means no warm-up), CRR_REPS (crr runs, 1: crr on 100,000 patients
# takes the better part of an hour), NFG (Fine-Gray patients, N/10), SEED (42), JAVA_OPTS
# (extra JVM flags), MVN_FLAGS (e.g. -o).
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-1000000}
NFG=${NFG:-$((N / 10))}
REPS=${REPS:-5}
R_REPS=${R_REPS:-1}
CRR_REPS=${CRR_REPS:-1}
SEED=${SEED:-42}
OUT=bench/out

if ! command -v Rscript >/dev/null 2>&1 || ! Rscript -e \
    'suppressPackageStartupMessages({library(survival); library(cmprsk); library(data.table)})' \
    >/dev/null 2>&1; then
  echo "R with survival, cmprsk and data.table is needed for the baseline. Install them with:" >&2
  echo "  apt-get install -y r-cran-survival r-cran-cmprsk r-cran-data.table" >&2
  exit 1
fi

mkdir -p "$OUT"
maven() {
  # shellcheck disable=SC2086 # MVN_FLAGS is a list of flags
  mvn -q -B ${MVN_FLAGS:-} "$@" >"$OUT/mvn.log" 2>&1 || { cat "$OUT/mvn.log" >&2; exit 1; }
}
maven -DskipTests compile
maven dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" -Dmdep.includeScope=runtime
bench() {
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
  java ${JAVA_OPTS:-} -cp "target/classes:$(cat "$OUT/cp.txt")" bench/CompetingRisksBench.java "$@"
}

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1)," \
  "$(Rscript --version 2>&1 | head -n 1)," \
  "survival $(Rscript -e 'cat(format(packageVersion("survival")))')," \
  "cmprsk $(Rscript -e 'cat(format(packageVersion("cmprsk")))')"

cif=$OUT/competing-$N.csv
fg=$OUT/competing-$NFG.csv
bench generate "$cif" "$N" "$SEED"
[ "$fg" = "$cif" ] || bench generate "$fg" "$NFG" "$SEED"

echo; echo "== cumulative incidence + Gray, n = $N ($(uptime))"
bench cif "$cif" "$REPS" | tee "$OUT/java-cif-$N.txt"
Rscript bench/competing_r.R cif "$cif" "$R_REPS" | tee "$OUT/r-cif-$N.txt"
echo; echo "== Fine-Gray, n = $NFG ($(uptime))"
bench finegray "$fg" "$REPS" | tee "$OUT/java-finegray-$NFG.txt"
Rscript bench/competing_r.R finegray "$fg" "$CRR_REPS" | tee "$OUT/r-finegray-$NFG.txt"
echo; echo "load after: $(uptime)"

# The median of a labelled line: "label   1.234 ms  (runs ...)" (Java) or "... s  (runs ...)" (R).
median() { awk -v k="$2" '$1 == k { print $2; exit }' "$1"; }
# The answers, as "check" lines without what only one side prints (p-values, point counts),
# numbers to 10 digits as C prints them (Java's %g keeps trailing zeros).
answers() {
  grep '^check \(gray\|cif\)' "$1" | sed 's/ p = .*//; s/ (.*//' |
    awk '{
      for (i = 1; i <= NF; i++) if ($i ~ /^-?[0-9.]+(e[-+][0-9]+)?$/) $i = sprintf("%.10g", $i)
      print
    }'
}

echo
echo "Summary (Java medians of $REPS runs, R medians of $R_REPS (crr: $CRR_REPS) runs)."
jc=$OUT/java-cif-$N.txt; rc=$OUT/r-cif-$N.txt
jf=$OUT/java-finegray-$NFG.txt; rf=$OUT/r-finegray-$NFG.txt
if diff <(answers "$jc") <(answers "$rc") >/dev/null; then
  same="Gray statistics and CIF at 12 months (estimate, se) agree to 10 digits"
else
  same="ANSWERS DIFFER: diff the check lines of $jc and $rc"
fi
echo "| work | n | R | Java analysis | Java / R (target) | Java kernels | kernels / R |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
awk -v n="$N" -v survfit="$(median "$rc" survfit)" -v cuminc="$(median "$rc" cuminc)" \
    -v analysis="$(median "$jc" analysis)" -v kc="$(median "$jc" kernel.cif)" \
    -v kg="$(median "$jc" kernel.gray)" '
  BEGIN {
    r = (survfit + cuminc) * 1000; k = kc + kg
    printf "| CIF 3 causes x 3 groups + Gray | %d | %.0f ms (survfit %.0f + cuminc %.0f) |", n, r,
      survfit * 1000, cuminc * 1000
    printf " %.1f ms | %.4f (<= 0.10: %s) | %.1f ms | %.4f |\n",
      analysis, analysis / r,
      analysis / r <= 0.10 ? "met" : "NOT met", k, k / r
  }'
awk -v n="$NFG" -v crr="$(median "$rf" crr)" -v analysis="$(median "$jf" analysis)" \
    -v kf="$(median "$jf" kernel.finegray)" '
  BEGIN {
    r = crr * 1000
    printf "| Fine-Gray, 3 terms | %d | %.0f ms (crr) | %.1f ms |", n, r, analysis
    printf " %.5f (<= 0.20: %s) | %.1f ms | %.5f |\n", analysis / r,
      analysis / r <= 0.20 ? "met" : "NOT met", kf, kf / r
  }'
echo
echo "CIF and Gray: $same."
# crr stops at its gtol (1e-6 on the score), OncoSurv runs Newton to the root: the
# coefficients are compared with R's root (one Newton step from crr's answer, competing_r.R).
paste <(sed -n 's/^check finegray \(x[0-9]\) coef = \([^ ]*\) se = \(.*\)/\1 \2 \3/p' "$jf") \
      <(sed -n 's/^check finegray \(x[0-9]\) coef = \([^ ]*\) se = \(.*\)/\2 \3/p' "$rf") \
      <(sed -n 's/^check finegray x[0-9] root = \(.*\)/\1/p' "$rf") |
  awk '{
    dc = ($2 - $4) / $4; ds = ($3 - $5) / $5; dc = sqrt(dc * dc); ds = sqrt(ds * ds)
    if ($6 == "") {
      root = "no R root (ROOT_STEP=0)"
    } else {
      dr = ($2 - $6) / $6; dr = sqrt(dr * dr)
      root = sprintf("R root %s (%.1e%s)", $6, dr, dr <= 1e-6 ? "" : " > 1e-6")
    }
    printf "Fine-Gray %s: coef Java %s, crr %s (rel. diff %.1e), %s; se Java %s, crr %s (%.1e)\n",
      $1, $2, $4, dc, root, $3, $5, ds
  }'
