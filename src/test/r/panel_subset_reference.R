#!/usr/bin/env Rscript
# R's answers for the TME panel on a subset (issue 16): each synthetic sample cohort's panel on
# the patients of its first arm (subset=arm:ICI, subset=arm:EGFR-TKI). As OncoSurv, a stratifier
# is cut on the whole cohort (the cohort medians of CD8 and Shannon are those of every patient)
# and then the subset's rows are taken; levels without patients are dropped. Per stratifier and
# endpoint: levels, n, events, median and limits, survival at 6/12/24 months, the log-rank p
# (survdiff), the trend p (ordered strata with 3+ levels), coxph (Efron) HRs with Wald 95 %
# limits, and the Benjamini-Hochberg q over the subset's computed entries.
# R 4.2.2, survival 3.5.3, jsonlite 1.8.4 (Debian bookworm). From the repository root:
#   Rscript src/test/r/panel_subset_reference.R cohorts \
#     src/test/resources/r/panel_subset_reference.json
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
a <- commandArgs(TRUE)
dir <- a[1]
out <- a[2]

source("src/test/r/format_stratifiers.R")  # cohort_median, stratify

entry <- function(d, rows, endpoint, unit, name) {
  time <- d[[paste0(endpoint, "_", unit)]]
  if (unit == "days") time <- time / 30.4375
  e <- data.frame(time = time, event = d[[paste0(endpoint, "_event")]],
                  group = stratify(d, name))[rows, ]   # cut on all, then the subset
  e <- e[!is.na(e$time) & !is.na(e$event) & !is.na(e$group), ]
  e$group <- droplevels(e$group)
  k <- nlevels(e$group)
  if (k < 2) return(list(status = "skipped"))
  fit <- survfit(Surv(time, event) ~ group, data = e)
  q <- quantile(fit, probs = 0.5, conf.int = TRUE)
  lm <- summary(fit, times = c(6, 12, 24), extend = TRUE)
  sd <- survdiff(Surv(time, event) ~ group, data = e)
  p <- pchisq(sd$chisq, sum(sd$exp > 0) - 1, lower.tail = FALSE)
  trend_p <- NULL
  if (k > 2 && name != "pdl1_cd8") {
    sc <- seq_len(k)
    u <- sum(sc * (sd$obs - sd$exp)); v <- drop(sc %*% sd$var %*% sc)
    trend_p <- pchisq(u^2 / v, 1, lower.tail = FALSE)
  }
  cox <- coxph(Surv(time, event) ~ group, data = e, ties = "efron")
  ci <- exp(confint(cox))
  list(status = "ok", levels = levels(e$group), n = as.vector(table(e$group)),
       events = as.vector(tapply(e$event, e$group, sum)),
       median = unname(q$quantile[, 1]), median_lower = unname(q$lower[, 1]),
       median_upper = unname(q$upper[, 1]),
       landmarks = list(n_risk = lm$n.risk, surv = lm$surv, lower = lm$lower, upper = lm$upper),
       logrank_p = p, trend_p = trend_p, hr = unname(exp(coef(cox))),
       hr_lower = unname(ci[, 1]), hr_upper = unname(ci[, 2]))
}

res <- list(software = list(R = R.version.string,
                            survival = as.character(packageVersion("survival"))))
cohorts <- list(list(file = "synthetic-ici-oligometastatic.csv", unit = "months", arm = "ICI"),
                list(file = "synthetic-egfr-tki-oligoprogressive.csv", unit = "days",
                     arm = "EGFR-TKI"))
stratifiers <- c("pdl1", "cd8", "pdl1_cd8", "nlr", "dnlr", "lipi", "akkermansia",
                 "antibiotics", "shannon")
for (co in cohorts) {
  d <- read.csv(file.path(dir, co$file))
  rows <- which(d$arm == co$arm)
  entries <- list()
  for (name in stratifiers) for (endpoint in c("pfs", "os")) {
    entries[[paste(name, endpoint)]] <- entry(d, rows, endpoint, co$unit, name)
  }
  ok <- vapply(entries, function(x) x$status == "ok", TRUE)
  qs <- p.adjust(vapply(entries[ok], function(x) x$logrank_p, 0), method = "BH")
  for (key in names(qs)) entries[[key]]$q_value <- qs[[key]]
  res$cohorts[[co$file]] <- list(subset = paste0("arm:", co$arm), entries = entries)
}
writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, null = "null", na = "null"), out)
