#!/usr/bin/env Rscript
# R's answers for GET /api/cohorts/{id}/exposure-bias (issue 19): an exposure that starts during
# follow-up, its Cox HR three ways with the same baseline terms (and strata):
#   naive:          coxph(Surv(time, ev) ~ I(!is.na(s) & s < time) + ...), exposed when the
#                   exposure starts before the endpoint's time (immortal-time biased);
#   landmark:       coxph on subset(time >= s0) with I(!is.na(s) & s <= s0): status at s0;
#   time_dependent: tmerge(d, d, id, ev = event(time, ev), x = tdc(s)) then
#                   coxph(Surv(tstart, tstop, ev) ~ x + ...).
# Each: n (patients), events, coef, se (Efron; Breslow in one case), HR with Wald 95 % limits, Wald p; the flag (the
# naive 95 % interval excludes the time-dependent HR) and the default s0: the median of the
# starts > 0 among patients with the endpoint. Starts are read as the cohort reader reads them:
# days / 30.4375 months, and NA when after the end of follow-up (the largest of the patient's
# endpoint times).
# Cohorts: the ICI sample cohort (cohorts/synthetic-ici-oligometastatic.csv, antibiotics) and
# src/test/resources/cohorts/exposure-bias.csv (exposure_bias_cohort.R: antibiotics, steroids).
# R 4.2.2, survival 3.5.3, jsonlite 1.8.4 (Debian bookworm). From the repository root:
#   Rscript src/test/r/exposure_bias_reference.R cohorts/synthetic-ici-oligometastatic.csv \
#     src/test/resources/cohorts/exposure-bias.csv src/test/resources/r/exposure_bias_reference.json
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
a <- commandArgs(TRUE)
ici <- read.csv(a[1], stringsAsFactors = FALSE)
syn <- read.csv(a[2], stringsAsFactors = FALSE)
out <- a[3]

# the exposure's start in months as the reader keeps it
start_months <- function(d, exposure) {
  days <- paste0(exposure, "_start_days")
  s <- if (days %in% names(d)) d[[days]] / 30.4375 else d[[paste0(exposure, "_start_months")]]
  end <- pmax(d$os_months, d$pfs_months, na.rm = TRUE)
  ifelse(!is.na(s) & s > end, NA, s)
}

estimate <- function(fit, n) {
  coef <- unname(coef(fit)[1]); se <- unname(sqrt(diag(vcov(fit)))[1])
  z <- qnorm(0.975)
  list(n = n, events = fit$nevent, coef = coef, se = se, hr = exp(coef),
       hr_lower = exp(coef - z * se), hr_upper = exp(coef + z * se),
       p = 2 * pnorm(-abs(coef / se)))
}

check <- function(d, endpoint, exposure, from = NA, terms = character(0), strata = NULL,
                  ties = "efron") {
  d$time <- d[[paste0(endpoint, "_months")]]
  d$ev <- d[[paste0(endpoint, "_event")]]
  d$s <- start_months(d, exposure)
  d <- d[!is.na(d$time) & !is.na(d$ev), ]
  s0 <- if (is.na(from)) median(d$s[!is.na(d$s) & d$s > 0]) else from
  rhs <- paste(c("x", terms, if (!is.null(strata)) paste0("strata(", strata, ")")),
               collapse = " + ")
  d$x <- as.integer(!is.na(d$s) & d$s < d$time)
  naive <- coxph(as.formula(paste("Surv(time, ev) ~", rhs)), data = d, ties = ties)
  sub <- d[d$time >= s0, ]
  sub$x <- as.integer(!is.na(sub$s) & sub$s <= s0)
  landmark <- coxph(as.formula(paste("Surv(time, ev) ~", rhs)), data = sub, ties = ties)
  base <- d[, c("patient_id", terms, strata, "time", "ev", "s"), drop = FALSE]
  # data1 keeps time: tmerge fails on a one-column data1
  t <- tmerge(base[, c("patient_id", "time", terms, strata)], base, id = patient_id,
              ev = event(time, ev), x = tdc(s))
  td <- coxph(as.formula(paste("Surv(tstart, tstop, ev) ~", rhs)), data = t, ties = ties)
  z <- qnorm(0.975)
  b <- coef(naive)[1]; se <- sqrt(vcov(naive)[1, 1])
  list(endpoint = endpoint, exposure = exposure, from = s0,
       from_given = !is.na(from), terms = terms, strata = strata, ties = ties,
       r_call = paste0("coxph(Surv(tstart, tstop, ev) ~ ", rhs, ") on tmerge(..., x = tdc(s))"),
       naive = estimate(naive, nrow(d)),
       landmark = c(estimate(landmark, nrow(sub)), list(n_excluded = nrow(d) - nrow(sub))),
       time_dependent = c(estimate(td, length(unique(t$patient_id))), list(rows = nrow(t))),
       flag = unname(coef(td)[1] < b - z * se | coef(td)[1] > b + z * se))
}

res <- list(software = list(R = R.version.string,
                            survival = as.character(packageVersion("survival"))))
res$cases <- list(
  ici_os = c(list(cohort = "ici"), check(ici, "os", "antibiotics")),
  ici_os_age_from3 = c(list(cohort = "ici"), check(ici, "os", "antibiotics", 3, "age")),
  ici_pfs_age_arm = c(list(cohort = "ici"),
                      check(ici, "pfs", "antibiotics", 3, "age", "arm")),
  syn_os_antibiotics = c(list(cohort = "synthetic"),
                         check(syn, "os", "antibiotics", NA, "age", "arm")),
  syn_pfs_antibiotics_from4 = c(list(cohort = "synthetic"),
                                check(syn, "pfs", "antibiotics", 4, "age")),
  syn_os_steroids = c(list(cohort = "synthetic"), check(syn, "os", "steroids")),
  syn_pfs_steroids_from2_5 = c(list(cohort = "synthetic"),
                               check(syn, "pfs", "steroids", 2.5, "age", "arm")),
  syn_pfs_antibiotics_breslow = c(list(cohort = "synthetic"),
                                  check(syn, "pfs", "antibiotics", NA, "age", NULL, "breslow")))
writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, na = "null", null = "null",
                  pretty = TRUE), out)
