#!/usr/bin/env Rscript
# R's side of bench/competing-run.sh (issue 18), on the files CompetingRisksBench generates.
# Needs r-cran-survival, r-cran-data.table and cmprsk (apt-get install -y r-cran-survival
# r-cran-data.table r-cran-cmprsk).
# Usage: Rscript competing_r.R cif COHORT.csv [REPS]       survfit + cuminc, 3 causes x 3 groups
#        Rscript competing_r.R finegray COHORT.csv [REPS]  crr of cause c1 on x1, x2, x3
# Prints one line per call: name, median seconds of REPS runs after one warm-up (as
# ../shared/bench/time_r.R; with REPS = 1 no warm-up: crr on 100,000 patients takes hours),
# then "check" lines with the answers to 10 digits, in the layout CompetingRisksBench prints,
# so that the two can be compared line by line.
suppressPackageStartupMessages({ library(survival); library(cmprsk); library(data.table) })
a <- commandArgs(TRUE)
if (length(a) < 2) stop("usage: Rscript competing_r.R cif|finegray COHORT.csv [REPS]")
reps <- if (length(a) >= 3) as.integer(a[3]) else 3L
time_it <- function(label, f) {
  v <- NULL
  if (reps > 1) { gc(); v <- f() }
  el <- vapply(seq_len(reps), function(i) { gc(); system.time(v <<- f())[["elapsed"]] }, 0)
  cat(sprintf("%-10s %8.3f s  (runs %s)\n", label, median(el),
              paste(sprintf("%.3f", el), collapse = "/")))
  v
}
rd <- fread(a[2], colClasses = list(character = "pfs_cause"))
time <- rd$pfs_months
cause <- ifelse(rd$pfs_event == 1, as.integer(sub("c", "", rd$pfs_cause)), 0L)

if (a[1] == "cif") {
  group <- factor(rd$grp)
  sf <- time_it("survfit", function() survfit(Surv(time, factor(cause, 0:3)) ~ group))
  ci <- time_it("cuminc", function() cuminc(time, cause, group))
  cat(sprintf("check n = %d, groups = %d\n", length(time), nlevels(group)))
  for (c in 1:3) {
    t <- ci$Tests[as.character(c), ]
    cat(sprintf("check gray c%d stat = %.10g df = %d p = %.10g\n", c, t[["stat"]], t[["df"]],
                t[["pv"]]))
  }
  s <- summary(sf, times = 12, extend = TRUE)
  for (g in seq_len(nlevels(group))) {
    for (c in 1:3) {
      cat(sprintf("check cif %s c%d at 12 = %.10g se = %.10g\n", levels(group)[g], c,
                  s$pstate[g, c + 1], s$std.err[g, c + 1]))
    }
  }
} else if (a[1] == "finegray") {
  x <- cbind(x1 = rd$x1, x2 = rd$x2, x3 = rd$x3)
  f <- time_it("crr", function() crr(time, cause, x, failcode = 1, cencode = 0))
  cat(sprintf("check n = %d, events = %d, competing = %d, converged %s\n",
              length(time), sum(cause == 1), sum(cause > 1), f$converged))
  se <- sqrt(diag(f$var))
  for (j in 1:3) {
    cat(sprintf("check finegray %s coef = %.10g se = %.10g\n", colnames(x)[j], f$coef[j], se[j]))
  }
  cat(sprintf("check finegray loglik = %.10g null = %.10g\n", f$loglik, f$loglik.null))
  # crr stops at gtol 1e-6 on the score, OncoSurv at the root: one Newton step on crr's own
  # score and Hessian (src/test/r/crr_root.R), not timed, gives the root to compare with
  # (skipped with ROOT_STEP=0: on 100,000 patients the step costs about one crr iteration)
  if (Sys.getenv("ROOT_STEP", "1") != "0") {
    source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE),
                                                        value = TRUE))),
                     "..", "src", "test", "r", "crr_root.R"))
    s <- crr_score(time, cause, x, 1, unname(f$coef))
    root <- unname(f$coef) - solve(s$hessian, s$score)
    for (j in 1:3) {
      cat(sprintf("check finegray %s root = %.10g\n", colnames(x)[j], root[j]))
    }
  }
} else {
  stop("first argument: cif or finegray")
}
