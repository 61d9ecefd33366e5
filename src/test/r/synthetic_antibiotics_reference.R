#!/usr/bin/env Rscript
# R's answers on antibiotics_start_days of the ICI sample cohort (issue 19 item 1): immortal time.
# "Ever exposed" = a start given (before treatment or during follow-up); OS by it with survfit
# (n, events, median) and the naive coxph HR with Wald 95 % limits; then the same exposure as a
# time-dependent covariate, on from max(start, 0) (a start before treatment counts from time 0):
# tmerge(..., death = event(os_months, os_event), abx = tdc(start)) + coxph(Surv(tstart, tstop,
# death) ~ abx), Efron ties. Times in months = days / 30.4375, as the reader converts.
# R 4.2.2, survival 3.5.3, jsonlite 1.8.4 (Debian bookworm). From the repository root:
#   Rscript src/test/r/synthetic_antibiotics_reference.R \
#     cohorts/synthetic-ici-oligometastatic.csv src/test/resources/r/synthetic_antibiotics.json
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
a <- commandArgs(TRUE)
d <- read.csv(a[1], stringsAsFactors = FALSE)
d$ever <- as.integer(!is.na(d$antibiotics_start_days))
d$start <- pmax(d$antibiotics_start_days / 30.4375, 0)

km <- summary(survfit(Surv(os_months, os_event) ~ ever, d))$table
group <- function(row) list(n = unname(km[row, "n.max"]), events = unname(km[row, "events"]),
                            median = unname(km[row, "median"]))
hr <- function(fit) {
  ci <- exp(confint(fit))
  list(hr = unname(exp(coef(fit))), lower = unname(ci[1, 1]), upper = unname(ci[1, 2]))
}
naive <- coxph(Surv(os_months, os_event) ~ ever, d)
t <- tmerge(d[, c("patient_id", "ever")], d, id = patient_id,
            death = event(os_months, os_event), abx = tdc(start))
td <- coxph(Surv(tstart, tstop, death) ~ abx, t)
out <- list(r = R.version.string, never = group(1), ever = group(2), naive = hr(naive),
            time_dependent = hr(td), intervals = nrow(t))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), a[2])
