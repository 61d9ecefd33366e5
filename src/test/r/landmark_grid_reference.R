#!/usr/bin/env Rscript
# Landmarks on observed times: survival and numbers at risk from summary(fit, times, extend = TRUE)
# for data recorded on a grid (0.1 month, whole days), where a landmark routinely equals a time
# that patients leave at. R counts n.risk at t as time >= t (findInterval, exact). Cases: three
# groups on a 0.1-month grid, two groups in whole days, and a grid with near-equal times that R's
# tie rule (aeqSurv) merges, with landmarks at observed times, between them, at the first time, at
# each group's last time and past the end.
# Run from the repository root (R 4.2.2, survival 3.5.3, jsonlite 1.8.4, Debian bookworm):
#   Rscript src/test/r/landmark_grid_reference.R src/test/resources/r/landmark_grid_reference.json
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
out <- commandArgs(TRUE)[1]
set.seed(20261202)

landmark_case <- function(time, event, group, landmarks, call) {
  d <- data.frame(time = time, event = event, group = group)
  fit <- survfit(Surv(time, event) ~ group, data = d)
  s <- summary(fit, times = landmarks, extend = TRUE)
  # the default RMST horizon: the smallest of the groups' last times after R's tie rule
  merged <- aeqSurv(Surv(time, event))[, 1]
  tau <- min(tapply(merged, d$group, max))
  rm <- summary(fit, rmean = tau)$table
  # jsonlite writes at most 15 digits: times go as 17-digit text so they read back exactly
  list(r_call = call, time = sprintf("%.17g", time), event = event, group = group,
       levels = levels(factor(group)), landmarks = sprintf("%.17g", landmarks),
       strata = as.character(s$strata), n_risk = s$n.risk, n_event = s$n.event,
       n_censor = s$n.censor, surv = s$surv, std_err = s$std.err, lower = s$lower,
       upper = s$upper, tau_raw = sprintf("%.17g", min(tapply(time, group, max))),
       tau = sprintf("%.17g", tau), rmean = unname(rm[, "rmean"]),
       rmean_se = unname(rm[, "se(rmean)"]))
}

res <- list(software = list(R = R.version.string,
                            survival = as.character(packageVersion("survival"))))

# 0.1-month grid: k / 10 is the double nearest the decimal, as a CSV reader reads "12.3"
n <- 300
lipi <- sample(c("good", "intermediate", "poor"), n, replace = TRUE, prob = c(0.4, 0.4, 0.2))
rate <- c(good = 0.04, intermediate = 0.07, poor = 0.14)[lipi]
k <- pmax(1, round(rexp(n, rate) * 10))
cens <- round(runif(n, 60, 420))
time <- pmin(k, cens) / 10
event <- as.integer(k <= cens)
last <- tapply(time, lipi, max)
lm <- sort(unique(c(0, min(time), 0.05, 1, 3, 6, 6.05, 9, 12, 12.35, 18, 24, 30,
                    as.vector(last), max(time) + 0.1, 60)))
res$grid_months <- landmark_case(time, event, lipi, lm,
  "summary(survfit(Surv(time, event) ~ group), times = landmarks, extend = TRUE)")

# whole days, two groups
n <- 200
arm <- sample(c("control", "treated"), n, replace = TRUE)
days <- pmax(1, round(rexp(n, ifelse(arm == "treated", 1 / 500, 1 / 300))))
cdays <- round(runif(n, 100, 1100))
time <- pmin(days, cdays)
event <- as.integer(days <= cdays)
last <- tapply(time, arm, max)
lm <- sort(unique(c(0, 1, min(time), 30, 91, 182, 182.5, 183, 365, 730,
                    as.vector(last), max(time) + 1, 2000)))
res$whole_days <- landmark_case(time, event, arm, lm,
  "summary(survfit(Surv(time, event) ~ group), times = landmarks, extend = TRUE)")

# near-equal times: some grid times moved by up to 1e-10 (relative); R merges each chain to its
# smallest time, so a landmark at the unmoved time may lie just past the merged one
n <- 120
g <- sample(c("a", "b"), n, replace = TRUE)
k <- pmax(1, round(rexp(n, 0.08) * 10))
time <- pmin(k, 240) / 10
event <- as.integer(k <= 240)
jitter <- sample(c(-1e-10, 0, 0, 1e-10), n, replace = TRUE)
time <- time * (1 + jitter)
lm <- sort(unique(c(0, 3, 6, 6 * (1 - 1e-10), 12, 12 * (1 + 1e-10), 18, 24, 30)))
res$near_ties <- landmark_case(time, event, g, lm,
  "summary(survfit(Surv(time, event) ~ group), times = landmarks, extend = TRUE)")

writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, null = "null", na = "null",
                  pretty = TRUE), out)
