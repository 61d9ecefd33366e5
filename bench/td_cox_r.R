#!/usr/bin/env Rscript
# R's side of bench/td-cox-run.sh (issue 19), on the file TimeDependentCoxBench generates:
# tmerge splits each patient's follow-up at its exposure start, coxph fits the exposure as a
# time-dependent covariate with three baseline terms (Efron, R's default).
# Needs r-cran-survival and r-cran-data.table.
# Usage: Rscript td_cox_r.R COHORT.csv [REPS]
# Prints one line per call: name, median seconds of REPS runs after one warm-up (none when
# REPS = 1), as ../shared/bench/time_r.R; then "check" lines with the answers to 10 digits in
# the layout TimeDependentCoxBench prints, so that the two can be compared line by line.
suppressPackageStartupMessages({ library(survival); library(data.table) })
a <- commandArgs(TRUE)
if (length(a) < 1) stop("usage: Rscript td_cox_r.R COHORT.csv [REPS]")
reps <- if (length(a) >= 2) as.integer(a[2]) else 3L
time_it <- function(label, f) {
  v <- NULL
  if (reps > 1) { gc(); v <- f() }
  el <- vapply(seq_len(reps), function(i) { gc(); system.time(v <<- f())[["elapsed"]] }, 0)
  cat(sprintf("%-10s %8.3f s  (runs %s)\n", label, median(el),
              paste(sprintf("%.3f", el), collapse = "/")))
  v
}
rd <- fread(a[1], colClasses = list(character = c("f2", "f3")))
# as the cohort reader: days / 30.4375 as months (the same doubles)
d <- data.frame(id = rd$patient_id, time = rd$os_days / 30.4375, status = rd$os_event,
                age = rd$age, f2 = factor(rd$f2), f3 = factor(rd$f3),
                start = rd$expo_start_days / 30.4375)
td <- time_it("tmerge", function() tmerge(d, d, id = id, ev = event(time, status),
                                          x = tdc(start)))
fit <- time_it("coxph", function() coxph(Surv(tstart, tstop, ev) ~ x + age + f2 + f3,
                                         data = td))
both <- time_it("tmerge+coxph", function() {
  t <- tmerge(d, d, id = id, ev = event(time, status), x = tdc(start))
  coxph(Surv(tstart, tstop, ev) ~ x + age + f2 + f3, data = t)
})
cat(sprintf("check rows = %d, patients = %d, events = %d\n", nrow(td), length(unique(td$id)),
            sum(td$ev)))
se <- sqrt(diag(fit$var))
terms <- c("x", "age", "f2b", "f3y", "f3z")
for (j in seq_along(terms)) {
  cat(sprintf("check %s coef = %.10g se = %.10g\n", terms[j], coef(fit)[j], se[j]))
}
cat(sprintf("check loglik = %.10g null = %.10g iterations = %d\n", fit$loglik[2],
            fit$loglik[1], fit$iter))
cat(sprintf("check coef, 17 digits = [%s]\n", paste(sprintf("%.17g", coef(fit)),
                                                    collapse = ", ")))
cat(sprintf("check se, 17 digits = [%s]\n", paste(sprintf("%.17g", se), collapse = ", ")))
