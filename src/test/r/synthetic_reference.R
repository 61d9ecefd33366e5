#!/usr/bin/env Rscript
# R's answers for the synthetic sample cohorts, every built-in stratifier of the cohort format
# (shared/contract/cohort-format.md) for PFS and OS, with the stratifiers written again here in R
# from the format's definitions (not from our Java code), so the comparison checks both.
# R 4.2.2, survival 3.5.3, jsonlite 1.8.4 (Debian bookworm). From the repository root:
#   Rscript src/test/r/synthetic_reference.R cohorts src/test/resources/r/synthetic_reference.json
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
a <- commandArgs(TRUE)
dir <- a[1]
out <- a[2]

source("src/test/r/format_stratifiers.R")  # cohort_median, stratify

analyse <- function(d, endpoint, unit, name) {
  time <- d[[paste0(endpoint, "_", unit)]]
  if (unit == "days") time <- time / 30.4375
  e <- data.frame(time = time, event = d[[paste0(endpoint, "_event")]],
                  group = stratify(d, name))
  keep <- !is.na(e$time) & !is.na(e$event) & !is.na(e$group)
  e <- e[keep, ]
  e$group <- droplevels(e$group)
  fit <- survfit(Surv(time, event) ~ group, data = e)
  s <- summary(fit, censored = TRUE)
  q <- quantile(fit, probs = c(0.25, 0.5, 0.75), conf.int = TRUE)
  lm <- summary(fit, times = c(6, 12, 24), extend = TRUE)
  last <- tapply(e$time, e$group, max)
  tau <- min(last)
  rm <- summary(fit, rmean = tau)$table
  sd <- survdiff(Surv(time, event) ~ group, data = e)
  df <- sum(sd$exp > 0) - 1
  list(levels = levels(e$group), n_excluded = sum(!keep), tau = tau,
       table = list(strata = sub("^group=", "", as.character(s$strata)), time = s$time,
                    n_risk = s$n.risk, n_event = s$n.event, n_censor = s$n.censor,
                    surv = s$surv, std_err = s$std.err, lower = s$lower, upper = s$upper),
       quantiles = list(est = unname(q$quantile), lower = unname(q$lower),
                        upper = unname(q$upper)),
       landmarks = list(strata = sub("^group=", "", as.character(lm$strata)), time = lm$time,
                        n_risk = lm$n.risk, surv = lm$surv, std_err = lm$std.err,
                        lower = lm$lower, upper = lm$upper),
       rmst = list(rmean = unname(rm[, "rmean"]), se = unname(rm[, "se(rmean)"])),
       survdiff = list(chisq = sd$chisq, df = df, p = pchisq(sd$chisq, df, lower.tail = FALSE),
                       observed = as.vector(sd$obs), expected = as.vector(sd$exp)))
}

res <- list(software = list(R = R.version.string,
                            survival = as.character(packageVersion("survival"))))
cohorts <- list(list(file = "synthetic-ici-oligometastatic.csv", unit = "months"),
                list(file = "synthetic-egfr-tki-oligoprogressive.csv", unit = "days"))
stratifiers <- c("pdl1", "cd8", "pdl1_cd8", "nlr", "dnlr", "lipi", "akkermansia",
                 "antibiotics", "shannon")
# The TME panel: per stratifier and endpoint the Cox HRs (Efron) against the first level, and
# Benjamini-Hochberg q-values of the log-rank p over the whole panel (stratifiers in the format's
# order, then PFS before OS).
panel_cox <- function(d, endpoint, unit, name) {
  time <- d[[paste0(endpoint, "_", unit)]]
  if (unit == "days") time <- time / 30.4375
  e <- data.frame(time = time, event = d[[paste0(endpoint, "_event")]], group = stratify(d, name))
  e <- e[!is.na(e$time) & !is.na(e$event) & !is.na(e$group), ]
  e$group <- droplevels(e$group)
  fit <- coxph(Surv(time, event) ~ group, data = e)
  ci <- exp(confint(fit))
  # the log-rank test for trend, scores 1..k, for ordered stratifiers with three levels or more
  trend_p <- NULL
  k <- nlevels(e$group)
  if (k > 2 && name != "pdl1_cd8") {
    sd <- survdiff(Surv(time, event) ~ group, data = e)
    sc <- seq_len(k)
    u <- sum(sc * (sd$obs - sd$exp)); v <- drop(sc %*% sd$var %*% sc)
    trend_p <- pchisq(u^2 / v, 1, lower.tail = FALSE)
  }
  list(hr = unname(exp(coef(fit))), hr_lower = unname(ci[, 1]), hr_upper = unname(ci[, 2]),
       trend_p = trend_p)
}
for (co in cohorts) {
  d <- read.csv(file.path(dir, co$file))
  ps <- c()
  for (name in stratifiers) for (endpoint in c("pfs", "os")) {
    res$cohorts[[co$file]][[name]][[endpoint]] <- analyse(d, endpoint, co$unit, name)
    res$panel[[co$file]][[paste(name, endpoint)]] <- panel_cox(d, endpoint, co$unit, name)
    ps <- c(ps, res$cohorts[[co$file]][[name]][[endpoint]]$survdiff$p)
  }
  q <- p.adjust(ps, method = "BH")
  k <- 0
  for (name in stratifiers) for (endpoint in c("pfs", "os")) {
    k <- k + 1
    res$panel[[co$file]][[paste(name, endpoint)]]$q_value <- q[k]
  }
}
writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, null = "null", na = "null"), out)
