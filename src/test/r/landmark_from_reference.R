#!/usr/bin/env Rscript
# R's answers for the landmark (conditional) analysis, from = s (issue 19): only patients with
# time >= s, on the original clock, as survfit(..., start.time = s) and coxph on the subset.
#   lung_sex_from6:  lung (../shared/reference/lung.csv) OS by sex from 6 months;
#   oligo_arm_from6: the synthetic oligoprogression cohort (src/test/resources/cohorts/
#                    oligo-competing.csv, times on a 0.5-month grid) PFS by arm from 6, an
#                    observed time with ties there.
# Each: the curves (summary(censored = TRUE)), summary(times = landmarks >= s, extend = TRUE)
# (R leaves landmarks before start.time out), quantile(fit, c(.25, .5, .75)), survdiff on the
# subset, print(fit, rmean = tau)'s table (tau = the smallest of the groups' largest times)
# and coxph(Surv ~ group, subset(time >= s)) (Efron). R gives the same curve and rmean with
# start.time = s as survfit on the subset: the curve is 1 from 0 to s and rmean is the area from
# 0 to tau (original clock, conditional on reaching s); checked below (stopifnot).
# R 4.2.2, survival 3.5.3, jsonlite 1.8.4 (Debian bookworm). From the repository root:
#   Rscript src/test/r/landmark_from_reference.R ../shared/reference/lung.csv \
#     src/test/resources/cohorts/oligo-competing.csv src/test/resources/r/landmark_from_reference.json
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
a <- commandArgs(TRUE)
lung <- read.csv(a[1])
oligo <- read.csv(a[2])
out <- a[3]

analysis <- function(d, time, event, group, s, landmarks, call) {
  d$t <- d[[time]]; d$e <- d[[event]]; d$g <- factor(d[[group]])
  fit <- survfit(Surv(t, e) ~ g, data = d, start.time = s)
  sub <- d[!is.na(d$t) & d$t >= s, ]
  same <- survfit(Surv(t, e) ~ g, data = sub)
  stopifnot(all.equal(fit$surv, same$surv), all.equal(fit$time, same$time))
  cs <- summary(fit, censored = TRUE)
  lm <- summary(fit, times = landmarks, extend = TRUE)
  q <- quantile(fit, probs = c(0.25, 0.5, 0.75), conf.int = TRUE)
  tau <- min(tapply(sub$t, sub$g, max))
  tab <- summary(fit, rmean = tau)$table
  tab_sub <- summary(same, rmean = tau)$table
  stopifnot(all.equal(tab[, "rmean"], tab_sub[, "rmean"]))
  sd <- survdiff(Surv(t, e) ~ g, data = sub)
  cox <- coxph(Surv(t, e) ~ g, data = sub)
  levels <- levels(droplevels(sub$g))
  list(r_call = call, from = s, n_excluded = sum(is.na(d$t) | d$t < s),
       n = nrow(sub), levels = levels,
       curves = lapply(levels, function(l) {
         k <- as.character(cs$strata) == paste0("g=", l)
         list(time = cs$time[k], n_risk = cs$n.risk[k], n_event = cs$n.event[k],
              surv = cs$surv[k], std_err = cs$std.err[k], lower = cs$lower[k],
              upper = cs$upper[k])
       }),
       landmarks = lapply(levels, function(l) {
         k <- as.character(lm$strata) == paste0("g=", l)
         list(time = lm$time[k], n_risk = lm$n.risk[k], n_event = lm$n.event[k],
              surv = lm$surv[k], std_err = lm$std.err[k], lower = lm$lower[k],
              upper = lm$upper[k])
       }),
       quantiles = list(est = unname(q$quantile), lower = unname(q$lower),
                        upper = unname(q$upper)),
       rmst = list(tau = tau, rmean = unname(tab[, "rmean"]), se = unname(tab[, "se(rmean)"])),
       logrank = list(chisq = sd$chisq, df = length(levels) - 1,
                      p = pchisq(sd$chisq, length(levels) - 1, lower.tail = FALSE),
                      observed = as.vector(sd$obs), expected = as.vector(sd$exp)),
       cox = list(coef = unname(coef(cox)), se = unname(sqrt(diag(vcov(cox)))),
                  loglik = cox$loglik, n = cox$n, nevent = cox$nevent,
                  score_p = unname(summary(cox)$sctest["pvalue"])))
}

res <- list(software = list(R = R.version.string,
                            survival = as.character(packageVersion("survival"))))
res$lung_sex_from6 <- analysis(lung, "os_months", "os_event", "sex", 6, c(6, 12, 24),
  "survfit(Surv(os_months, os_event) ~ sex, lung, start.time = 6)")
res$oligo_arm_from6 <- analysis(oligo, "pfs_months", "pfs_event", "arm", 6, c(6, 12, 24),
  "survfit(Surv(pfs_months, pfs_event) ~ arm, oligo, start.time = 6)")
writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, na = "null", pretty = TRUE), out)
