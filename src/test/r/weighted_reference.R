#!/usr/bin/env Rscript
# Weighted log-rank tests (Gehan-Breslow, Tarone-Ware, Peto-Peto, modified Peto, Fleming-Harrington
# G(rho, gamma)), the log-rank test for trend, MaxCombo and RMST difference and ratio.
# survival's survdiff computes only G(rho, 0), so the tests are computed here by a plain loop over
# event times (wlr below) that is first checked against survdiff (rho = 0, 1, 0.5, stratified too)
# and against survMisc::comp (a third implementation: weights 1, n, sqrtN, S1, S2, FH(p, q)) on
# the weighted observed - expected of two groups, then written out. The trend test is arithmetic
# on the checked O, E and V (survMisc's trend numbers are not comparable: its scores do not follow
# the factor's levels). survMisc's variances are
# not compared: they differ from survdiff's in the 3rd digit even for the plain log-rank test
# (lung by sex: 40.428 against survdiff's 40.371), and survdiff is the reference. MaxCombo p-values come from mvtnorm::pmvnorm by Miwa's
# deterministic algorithm; GenzBretz at a tight tolerance is written beside it to show how well
# R's two methods agree.
# Run from the repository root (R 4.2.2, survival 3.5.3, survMisc 0.5.6, mvtnorm 1.1-3,
# jsonlite 1.8.4, Debian bookworm):
#   Rscript src/test/r/weighted_reference.R ../shared/reference src/test/resources/r/weighted_reference.json
suppressPackageStartupMessages({
  library(survival); library(survMisc); library(mvtnorm); library(jsonlite)
})
a <- commandArgs(TRUE)
lung <- read.csv(file.path(a[1], "lung.csv"))
vet <- read.csv(file.path(a[1], "veteran.csv"))

weights <- list(
  "logrank"       = function(n, d, km, peto) 1,
  "gehan-breslow" = function(n, d, km, peto) n,
  "tarone-ware"   = function(n, d, km, peto) sqrt(n),
  "peto-peto"     = function(n, d, km, peto) peto,
  "modified-peto" = function(n, d, km, peto) peto * n / (n + 1))
fh <- function(rho, gamma) function(n, d, km, peto) km^rho * (1 - km)^gamma

# One pass per stratum over the distinct event times (after survival's aeqSurv tie rule):
# km = pooled Kaplan-Meier just before t, peto = prod over u <= t of (1 - d/(n + 1)).
# With a second weight function, V is the covariance of the two statistics.
wlr <- function(time, event, group, strata, w, w2 = w) {
  time <- aeqSurv(Surv(time, event))[, 1]
  k <- nlevels(group); g <- as.integer(group)
  O <- E <- numeric(k); V <- matrix(0, k, k)
  for (s in unique(strata)) {
    i <- strata == s
    t <- time[i]; e <- event[i]; gs <- g[i]
    km <- 1; peto <- 1
    for (u in sort(unique(t[e == 1]))) {
      risk <- t >= u; dead <- t == u & e == 1
      n <- sum(risk); d <- sum(dead)
      ng <- tabulate(gs[risk], k); dg <- tabulate(gs[dead], k)
      peto_at <- peto * (1 - d / (n + 1))
      wt <- w(n, d, km, peto_at); wt2 <- w2(n, d, km, peto_at)
      O <- O + wt * dg; E <- E + wt * d * ng / n
      if (n > 1) V <- V + wt * wt2 * d * (n - d) / (n - 1) * (diag(ng / n, k) - outer(ng, ng) / n^2)
      km <- km * (n - d) / n; peto <- peto_at
    }
  }
  use <- which(E > 0)
  x <- (O - E)[use][-1]
  chisq <- if (length(use) > 1) drop(x %*% solve(V[use, use][-1, -1, drop = FALSE], x)) else 0
  df <- length(use) - 1
  list(observed = O, expected = E, variance = V, chisq = chisq, df = df,
       p = pchisq(chisq, df, lower.tail = FALSE))
}

close_to <- function(x, y, what) {
  if (!isTRUE(all.equal(x, y, tolerance = 1e-10, check.attributes = FALSE)))
    stop(what, ": ", paste(format(x, digits = 17), collapse = " "), " vs ",
         paste(format(y, digits = 17), collapse = " "))
}

# wlr against survdiff, G(rho, 0)
check_survdiff <- function(time, event, group, strata, rho, sd) {
  r <- wlr(time, event, group, strata, fh(rho, 0))
  o <- if (is.matrix(sd$obs)) rowSums(sd$obs) else sd$obs
  e <- if (is.matrix(sd$exp)) rowSums(sd$exp) else sd$exp
  close_to(r$observed, o, "observed"); close_to(r$expected, e, "expected")
  close_to(r$variance, unname(sd$var), "variance"); close_to(r$chisq, sd$chisq, "chisq")
}
lung_e <- lung[!is.na(lung$ph_ecog), ]
for (rho in c(0, 1, 0.5)) {
  check_survdiff(lung$os_months, lung$os_event, factor(lung$sex), rep(1, nrow(lung)), rho,
                 survdiff(Surv(os_months, os_event) ~ sex, data = lung, rho = rho))
  check_survdiff(lung_e$os_months, lung_e$os_event, factor(lung_e$sex), lung_e$ph_ecog, rho,
                 survdiff(Surv(os_months, os_event) ~ sex + strata(ph_ecog), data = lung_e, rho = rho))
}

# wlr against survMisc::comp: the weighted O - E of two groups
survmisc_names <- c("logrank" = "1", "gehan-breslow" = "n", "tarone-ware" = "sqrtN",
                    "peto-peto" = "S1", "modified-peto" = "S2")
check_survmisc <- function(df, group_col) {
  f <- as.formula(paste("Surv(os_months, os_event) ~", group_col))
  # survMisc re-evaluates the call, so the formula goes in literally
  tn <- ten(eval(substitute(survfit(F, data = df), list(F = f))))
  invisible(capture.output(comp(tn, p = c(0, 1, 1, 0.5), q = c(1, 0, 1, 0.5))))
  grp <- factor(df[[group_col]])
  lrt <- attr(tn, "lrt")
  for (name in names(survmisc_names)) {
    r <- wlr(df$os_months, df$os_event, grp, rep(1, nrow(df)), weights[[name]])
    row <- lrt[lrt$W == survmisc_names[[name]], ]
    # survMisc's Q is O - E of the second group
    if (nlevels(grp) == 2) close_to(r$observed[2] - r$expected[2], row$Q, paste(name, "Q"))
  }
  if (nlevels(grp) == 2) {
    for (pq in list(c(0, 1), c(1, 0), c(1, 1), c(0.5, 0.5))) {
      r <- wlr(df$os_months, df$os_event, grp, rep(1, nrow(df)), fh(pq[1], pq[2]))
      row <- lrt[lrt$W == sprintf("FH_p=%s_q=%s", pq[1], pq[2]), ]
      close_to(r$observed[2] - r$expected[2], row$Q, "FH Q")
    }
  }
}
check_survmisc(lung, "sex")
check_survmisc(vet, "trt")

# A delayed treatment effect, as in immunotherapy trials: hazard ratio 1 for 4 months, then 0.45.
set.seed(20261127)
n <- 240
arm <- rep(c("control", "immunotherapy"), each = n / 2)
rate <- 0.08
delayed <- function(m) {
  t <- rexp(m, rate)
  late <- t > 4
  t[late] <- 4 + (t[late] - 4) / 0.45
  t
}
tt <- c(rexp(n / 2, rate), delayed(n / 2))
cens <- runif(n, 6, 36)
delay <- data.frame(os_months = round(pmin(tt, cens), 2), os_event = as.integer(tt <= cens), arm = arm)

tests_for <- function(time, event, group, strata) {
  out <- list()
  ws <- c(weights, list("fh(0,1)" = fh(0, 1), "fh(1,0)" = fh(1, 0), "fh(1,1)" = fh(1, 1),
                        "fh(0.5,2)" = fh(0.5, 2)))
  for (name in names(ws)) {
    r <- wlr(time, event, group, strata, ws[[name]])
    out[[name]] <- list(observed = r$observed, expected = r$expected,
                        variance = unname(r$variance), chisq = r$chisq, df = r$df, p = r$p)
  }
  out
}

trend_for <- function(time, event, group, strata, scores) {
  out <- list()
  for (name in c("logrank", "gehan-breslow")) {
    r <- wlr(time, event, group, strata, weights[[name]])
    u <- sum(scores * (r$observed - r$expected))
    v <- drop(scores %*% r$variance %*% scores)
    out[[name]] <- list(scores = scores, u = u, variance = v, z = u / sqrt(v), chisq = u^2 / v,
                        df = 1, p = pchisq(u^2 / v, 1, lower.tail = FALSE))
  }
  out
}

maxcombo_for <- function(time, event, group, strata) {
  pq <- list(c(0, 0), c(0, 1), c(1, 0), c(1, 1))
  z <- numeric(4); v <- numeric(4)
  for (j in 1:4) {
    r <- wlr(time, event, group, strata, fh(pq[[j]][1], pq[[j]][2]))
    z[j] <- (r$observed[2] - r$expected[2]) / sqrt(r$variance[2, 2]); v[j] <- r$variance[2, 2]
  }
  corr <- diag(4)
  for (j in 1:4) for (l in 1:4) if (j != l) {
    r <- wlr(time, event, group, strata, fh(pq[[j]][1], pq[[j]][2]), fh(pq[[l]][1], pq[[l]][2]))
    corr[j, l] <- r$variance[2, 2] / sqrt(v[j] * v[l])
  }
  m <- max(abs(z))
  # The four are linearly dependent (1 = S + (1 - S), so U(0,0) = U(1,0) + U(0,1)): the
  # correlation has rank 3, which Miwa's algorithm refuses; GenzBretz integrates it.
  set.seed(1)
  gb <- pmvnorm(lower = rep(-m, 4), upper = rep(m, 4), corr = corr,
                algorithm = GenzBretz(maxpts = 5e7, abseps = 1e-11, releps = 0))
  message(sprintf("maxcombo p %.15g error %.3g msg %s", 1 - gb, attr(gb, "error"), attr(gb, "msg")))
  list(z = z, correlation = unname(corr), statistic = m, p = 1 - as.numeric(gb),
       p_error = attr(gb, "error"))
}

rmst_for <- function(df, group_col, tau, conf = 0.95) {
  fit <- survfit(as.formula(paste("Surv(os_months, os_event) ~", group_col)), data = df)
  tab <- summary(fit, rmean = tau)$table
  mu <- tab[, "rmean"]; se <- tab[, "se(rmean)"]
  z <- qnorm(1 - (1 - conf) / 2)
  comps <- list()
  for (g in 2:length(mu)) {
    d <- mu[g] - mu[1]; sd <- sqrt(se[g]^2 + se[1]^2)
    lr <- log(mu[g] / mu[1]); sr <- sqrt(se[g]^2 / mu[g]^2 + se[1]^2 / mu[1]^2)
    comps[[g - 1]] <- list(difference = d, difference_se = sd, difference_lower = d - z * sd,
      difference_upper = d + z * sd, difference_p = 2 * pnorm(-abs(d / sd)),
      ratio = exp(lr), log_ratio_se = sr, ratio_lower = exp(lr - z * sr),
      ratio_upper = exp(lr + z * sr), ratio_p = 2 * pnorm(-abs(lr / sr)))
  }
  list(tau = tau, conf_level = conf, rmean = unname(mu), se = unname(se), comparisons = comps)
}

one <- function(n) rep(1, n)
res <- list(software = list(R = R.version.string, survival = as.character(packageVersion("survival")),
                            survMisc = as.character(packageVersion("survMisc")),
                            mvtnorm = as.character(packageVersion("mvtnorm"))))
vet$celltype <- factor(vet$celltype, levels = c("squamous", "smallcell", "adeno", "large"))
res$tests <- list(
  lung_sex = tests_for(lung$os_months, lung$os_event, factor(lung$sex), one(nrow(lung))),
  lung_sex_strata_ecog = tests_for(lung_e$os_months, lung_e$os_event, factor(lung_e$sex), lung_e$ph_ecog),
  veteran_celltype = tests_for(vet$os_months, vet$os_event, vet$celltype, one(nrow(vet))),
  veteran_trt = tests_for(vet$os_months, vet$os_event, factor(vet$trt), one(nrow(vet))),
  delayed_arm = tests_for(delay$os_months, delay$os_event, factor(delay$arm), one(n)))
res$trend <- list(
  lung_ecog = trend_for(lung_e$os_months, lung_e$os_event, factor(lung_e$ph_ecog), one(nrow(lung_e)), 1:4),
  lung_ecog_scores_0137 = trend_for(lung_e$os_months, lung_e$os_event, factor(lung_e$ph_ecog), one(nrow(lung_e)), c(0, 1, 3, 7)),
  lung_ecog_strata_sex = trend_for(lung_e$os_months, lung_e$os_event, factor(lung_e$ph_ecog), lung_e$sex, 1:4))
res$maxcombo <- list(
  lung_sex = maxcombo_for(lung$os_months, lung$os_event, factor(lung$sex), one(nrow(lung))),
  lung_sex_strata_ecog = maxcombo_for(lung_e$os_months, lung_e$os_event, factor(lung_e$sex), lung_e$ph_ecog),
  veteran_trt = maxcombo_for(vet$os_months, vet$os_event, factor(vet$trt), one(nrow(vet))),
  delayed_arm = maxcombo_for(delay$os_months, delay$os_event, factor(delay$arm), one(n)))
res$rmst <- list(
  lung_sex_tau24 = rmst_for(lung, "sex", 24),
  veteran_trt_tau12_conf90 = rmst_for(vet, "trt", 12, 0.9),
  veteran_celltype_tau6 = rmst_for(vet, "celltype", 6),
  delayed_arm_tau18 = rmst_for(delay, "arm", 18))
res$delayed_input <- delay
writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, pretty = FALSE), a[2])
