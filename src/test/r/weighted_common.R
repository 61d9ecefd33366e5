# Shared by the weighted-comparison R references (weighted_analysis_reference.R,
# weighted_rotterdam_reference.R, weighted_confounded_reference.R, weighted_degenerate_reference.R):
# R's answers for one setting of a comparison, computed as the contract defines them and as R's
# packages compute them. Source it from the repository root: source("src/test/r/weighted_common.R").
# Weights by hand (ATE/ATT, stabilised, trimming by the score's type-7 quantiles); SMDs with
# unweighted variances on the patients kept; survfit(weights = w) (fractional weights: R's
# infinitesimal-jackknife standard errors) and coxph(weights = w, robust = TRUE), Efron;
# E-values as VanderWeele and Ding (common outcome over 15 % events).
suppressMessages({library(survival); library(jsonlite)})

# the standardised mean difference: weighted means, unweighted variances (n - 1)
smd <- function(x, g, w) {
  m <- function(k) sum(w[g == k] * x[g == k]) / sum(w[g == k])
  (m(1) - m(0)) / sqrt((var(x[g == 0]) + var(x[g == 1])) / 2)
}

# the 0-based indices a thinned curve keeps: every tenth and the last
thin <- function(n) unique(c(seq(0, n - 1, by = 10), n - 1))

# the E-values of an HR and of its CI limit nearer 1
e_values <- function(hr, lo, hi, common) {
  rr <- function(h) if (common) (1 - 0.5^sqrt(h)) / (1 - 0.5^sqrt(1 / h)) else h
  ev <- function(x) { x <- if (x < 1) 1 / x else x; x + sqrt(x * (x - 1)) }
  list(estimate = ev(rr(hr)), ci = if (lo <= 1 && hi >= 1) 1 else ev(rr(if (hr > 1) lo else hi)))
}

# One setting on d (a column g 0/1, ps the propensity of g = 1): the patients kept, their
# weights, balance rows (columns(k): list of list(column, level or NULL, values)), each group's
# weighted curve (thinned: the number of points and every tenth; else every point with
# n_censor), the robust weighted Cox fit and the E-values; time and status name d's columns.
# Returns list(n, events, body): body the case's fields from weights on, in the JSON's order.
weighted_case <- function(d, ps, time, status, columns, estimand, stabilized, trim, thinned) {
  keep <- rep(TRUE, nrow(d))
  if (trim > 0) keep <- ps >= quantile(ps, trim, type = 7) & ps <= quantile(ps, 1 - trim, type = 7)
  g <- d$g
  n1 <- sum(g[keep] == 1); n0 <- sum(g[keep] == 0); n <- n0 + n1
  w <- if (estimand == "ate") ifelse(g == 1, 1 / ps, 1 / (1 - ps)) else ifelse(g == 1, 1, ps / (1 - ps))
  if (stabilized) w <- if (estimand == "ate") w * ifelse(g == 1, n1 / n, n0 / n) else ifelse(g == 1, w, w * n0 / n1)
  k <- d[keep, ]; wk <- w[keep]; gk <- g[keep]
  k$time <- k[[time]]; k$status <- k[[status]]
  balance <- lapply(columns(k), function(c) list(column = c[[1]], level = c[[2]],
                    before = smd(c[[3]], gk, rep(1, length(gk))), after = smd(c[[3]], gk, wk)))
  km <- survfit(Surv(time, status) ~ g, data = k, weights = wk)
  s <- summary(km, censored = TRUE)
  curves <- lapply(0:1, function(j) {
    r <- which(s$strata == paste0("g=", j))
    if (!thinned) {
      return(list(time = s$time[r], n_risk = s$n.risk[r], n_event = s$n.event[r],
                  n_censor = s$n.censor[r], survival = s$surv[r], std_err = s$std.err[r],
                  lower = s$lower[r], upper = s$upper[r]))
    }
    i <- thin(length(r)); points <- length(r); r <- r[i + 1]
    list(points = points, index = i, time = s$time[r], n_risk = s$n.risk[r],
         n_event = s$n.event[r], survival = s$surv[r], std_err = s$std.err[r],
         lower = s$lower[r], upper = s$upper[r])
  })
  cx <- coxph(Surv(time, status) ~ g, data = k, weights = wk, robust = TRUE)
  se <- sqrt(cx$var[1, 1]); b <- unname(coef(cx))
  events <- sum(k$status)
  hr <- exp(b); lo <- exp(b - qnorm(0.975) * se); hi <- exp(b + qnorm(0.975) * se)
  ess <- function(x) sum(x)^2 / sum(x^2)
  list(n = nrow(k), events = events, body = list(
       weights = list(min = min(wk), max = max(wk), mean = mean(wk),
                      first = list(n = n0, sum = sum(wk[gk == 0]), ess = ess(wk[gk == 0])),
                      second = list(n = n1, sum = sum(wk[gk == 1]), ess = ess(wk[gk == 1]))),
       balance = balance, curves = curves,
       cox = list(coef = b, se = se, naive_se = sqrt(cx$naive.var[1, 1]), hr = hr, lower = lo,
                  upper = hi, p = 2 * pnorm(-abs(b / se))),
       e_value = e_values(hr, lo, hi, events > 0.15 * nrow(k))))
}

# the glm's coefficient table as the references write it
propensity_table <- function(fit) {
  sm <- summary(fit)$coefficients
  list(term = rownames(sm), coef = unname(sm[, 1]), se = unname(sm[, 2]), p = unname(sm[, 4]))
}
