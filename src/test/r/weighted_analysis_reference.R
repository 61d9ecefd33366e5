# Reference for WeightedAnalysis (issue 21): the weighted comparison composed as R does it, on
# the ICI sample cohort (cohorts/synthetic-ici-oligometastatic.csv), OS by arm (ICI first),
# adjusting for age, sex (a factor), pdl1_tps and ldh.
# Run from the repository root: Rscript src/test/r/weighted_analysis_reference.R
# glm(binomial) with glm.control(epsilon = 1e-14, maxit = 100); weights by hand (ATE/ATT,
# stabilised, trimming by the score's type-7 quantiles); SMDs with unweighted variances on the
# patients kept; survfit(weights = w) and coxph(weights = w, robust = TRUE), Efron.
suppressMessages({library(survival); library(jsonlite)})
d <- read.csv("cohorts/synthetic-ici-oligometastatic.csv")
d$g <- as.numeric(d$arm == "ICI+LAT")
fit <- glm(g ~ age + factor(sex) + pdl1_tps + ldh, family = binomial, data = d,
           control = glm.control(epsilon = 1e-14, maxit = 100))
ps <- unname(fitted(fit))
smd <- function(x, g, w) {
  m <- function(k) sum(w[g == k] * x[g == k]) / sum(w[g == k])
  (m(1) - m(0)) / sqrt((var(x[g == 0]) + var(x[g == 1])) / 2)
}
one <- function(estimand, stabilized, trim) {
  keep <- rep(TRUE, nrow(d))
  if (trim > 0) keep <- ps >= quantile(ps, trim, type = 7) & ps <= quantile(ps, 1 - trim, type = 7)
  g <- d$g
  n1 <- sum(g[keep] == 1); n0 <- sum(g[keep] == 0); n <- n0 + n1
  w <- if (estimand == "ate") ifelse(g == 1, 1 / ps, 1 / (1 - ps)) else ifelse(g == 1, 1, ps / (1 - ps))
  if (stabilized) w <- if (estimand == "ate") w * ifelse(g == 1, n1 / n, n0 / n) else ifelse(g == 1, w, w * n0 / n1)
  k <- d[keep, ]; wk <- w[keep]; gk <- g[keep]
  cols <- list(list("age", NULL, k$age), list("sex", "1", as.numeric(k$sex == 1)),
               list("sex", "2", as.numeric(k$sex == 2)), list("pdl1_tps", NULL, k$pdl1_tps),
               list("ldh", NULL, k$ldh))
  balance <- lapply(cols, function(c) list(column = c[[1]], level = c[[2]],
                    before = smd(c[[3]], gk, rep(1, length(gk))), after = smd(c[[3]], gk, wk)))
  km <- survfit(Surv(os_months, os_event) ~ g, data = k, weights = wk)
  s <- summary(km, censored = TRUE)
  curves <- lapply(0:1, function(j) {
    r <- s$strata == paste0("g=", j)
    list(time = s$time[r], n_risk = s$n.risk[r], n_event = s$n.event[r], n_censor = s$n.censor[r],
         survival = s$surv[r], std_err = s$std.err[r], lower = s$lower[r], upper = s$upper[r])
  })
  cx <- coxph(Surv(os_months, os_event) ~ g, data = k, weights = wk, robust = TRUE)
  se <- sqrt(cx$var[1, 1]); b <- unname(coef(cx))
  events <- sum(k$os_event); common <- events > 0.15 * nrow(k)
  rr <- function(h) if (common) (1 - 0.5^sqrt(h)) / (1 - 0.5^sqrt(1 / h)) else h
  ev <- function(x) { x <- if (x < 1) 1 / x else x; x + sqrt(x * (x - 1)) }
  hr <- exp(b); lo <- exp(b - qnorm(0.975) * se); hi <- exp(b + qnorm(0.975) * se)
  list(estimand = estimand, stabilized = stabilized, trim = trim, n = nrow(k),
       weights = list(min = min(wk), max = max(wk), mean = mean(wk),
                      first = list(n = n0, sum = sum(wk[gk == 0]), ess = sum(wk[gk == 0])^2 / sum(wk[gk == 0]^2)),
                      second = list(n = n1, sum = sum(wk[gk == 1]), ess = sum(wk[gk == 1])^2 / sum(wk[gk == 1]^2))),
       balance = balance, curves = curves,
       cox = list(coef = b, se = se, naive_se = sqrt(cx$naive.var[1, 1]), hr = hr, lower = lo,
                  upper = hi, p = 2 * pnorm(-abs(b / se))),
       e_value = list(estimate = ev(rr(hr)), ci = if (lo <= 1 && hi >= 1) 1 else ev(rr(if (hr > 1) lo else hi))))
}
sm <- summary(fit)$coefficients
out <- list(r = R.version.string, survival = as.character(packageVersion("survival")),
            propensity = list(term = rownames(sm), coef = unname(sm[, 1]), se = unname(sm[, 2]),
                              p = unname(sm[, 4])),
            cases = list(one("ate", FALSE, 0), one("ate", TRUE, 0.05), one("att", FALSE, 0)))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, null = "null"),
           "src/test/resources/r/weighted_analysis_reference.json")
