# Reference for PropensityWeights (issue 21): IPT weights from propensity scores, by hand in R.
# Run from the repository root: Rscript src/test/r/propensity_weights_reference.R
# Scores from glm(chemo ~ age + meno + size + nodes + pgr + er, binomial) on survival::rotterdam
# (written into the reference so Java uses the same doubles); ATE / ATT, stabilised or not,
# trimmed at q: patients with a score below quantile(ps, q) or above quantile(ps, 1 - q)
# (type 7) left out. ESS = sum(w)^2 / sum(w^2).
suppressMessages({library(survival); library(jsonlite)})
r <- survival::rotterdam
ps <- unname(fitted(glm(chemo ~ age + meno + size + nodes + pgr + er, family = binomial,
                        data = r, control = glm.control(epsilon = 1e-14, maxit = 100))))
g <- r$chemo
weights <- function(estimand, stabilized, trim) {
  keep <- rep(TRUE, length(ps))
  if (trim > 0) {
    lo <- quantile(ps, trim, type = 7); hi <- quantile(ps, 1 - trim, type = 7)
    keep <- ps >= lo & ps <= hi
  }
  n1 <- sum(g[keep] == 1); n0 <- sum(g[keep] == 0); n <- n0 + n1
  w <- if (estimand == "ate") ifelse(g == 1, 1 / ps, 1 / (1 - ps)) else ifelse(g == 1, 1, ps / (1 - ps))
  if (stabilized) {
    w <- if (estimand == "ate") w * ifelse(g == 1, n1 / n, n0 / n) else ifelse(g == 1, w, w * n0 / n1)
  }
  w[!keep] <- 0
  summ <- function(k) { x <- w[keep & g == k]
    list(n = length(x), sum = sum(x), min = min(x), max = max(x), mean = mean(x),
         ess = sum(x)^2 / sum(x^2)) }
  list(estimand = estimand, stabilized = stabilized, trim = trim, weight = w, kept = keep,
       min = min(w[keep]), max = max(w[keep]), mean = mean(w[keep]),
       first = summ(0), second = summ(1), excluded = sum(!keep))
}
cases <- list(weights("ate", FALSE, 0), weights("ate", TRUE, 0), weights("att", FALSE, 0),
              weights("att", TRUE, 0), weights("ate", TRUE, 0.01), weights("att", FALSE, 0.05))
writeLines(toJSON(list(r = R.version.string, score = ps, group = g, cases = cases),
                  digits = NA, auto_unbox = TRUE),
           "src/test/resources/r/propensity_weights_reference.json")
